// `delaftale edit` in a real browser: Debian's Chromium driven by playwright-core, against
// the real CLI (`edit FILE --no-open --port 0`) and the bundled page (dist/web, built by
// `npm test` before vitest). A person's path: open, change an amount and see the preview
// change, type an amount that is not a number and see the message at the field, fix it,
// save with Ctrl+S (only that value changes on disk), and be stopped when the file changed
// on disk meanwhile. Screenshots go to /tmp/edit-shots/ (EDIT_SHOTS=dir to change).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, SEED_FILE, tempDir } from './helpers.js';
import { runTool } from './readers.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser']
  .find((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0);
const SHOTS = process.env.EDIT_SHOTS ?? '/tmp/edit-shots';
const AMOUNT = '/oekonomi/finansiering/1/beloeb';
const field = (pointer: string) => `[data-pointer="${pointer}"]`;

let dir: string;
let file: string;
let draft: string;
let server: ChildProcess;
let url: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** The seed as a draft: the same bytes with `revision.godkendt` removed. */
function draftText(): string {
  const seed = readFileSync(SEED_FILE, 'utf8');
  return applyEdits(seed, modify(seed, ['revision', 'godkendt'], undefined, {}));
}

function startServer(path: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'edit', path, '--no-open', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`edit started no server:\n${out}\n${err}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0]!;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, url: line.trim() });
      }
    });
    child.on('exit', (code) => reject(new Error(`edit exited ${code}:\n${out}\n${err}`)));
  });
}

/** The version the tab's pages in view show (set when the new canvases are in place). */
async function drawnVersion(tab: string): Promise<number> {
  const v = await page.locator(`#panel-${tab}`).getAttribute('data-version');
  return v ? Number(v) : -1;
}

async function waitForNewPreview(tab: string, after: number): Promise<number> {
  await page.waitForFunction(([t, a]) => Number(document.getElementById(`panel-${t}`)?.dataset.version ?? -1) > a, [tab, after] as const, { timeout: 90_000 });
  return drawnVersion(tab);
}

/** The text of the PDF the preview tab shows, read with pdftotext (layout: spaces kept). */
async function previewText(tab: string): Promise<string> {
  const src = await page.locator(`#panel-${tab}`).getAttribute('data-url');
  const res = await page.request.get(new URL(src!, page.url()).href);
  expect(res.status()).toBe(200);
  const pdf = join(dir, `${tab}-${Date.now()}.pdf`);
  writeFileSync(pdf, await res.body());
  const r = await runTool('pdftotext', ['-layout', pdf, '-']);
  expect(r.code).toBe(0);
  return r.stdout.replace(/[\u00a0\u202f]/g, ' ');
}

async function typeInto(pointer: string, text: string): Promise<void> {
  const input = page.locator(field(pointer));
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, name) });
}

// Skipped without Chromium on a developer's machine; in CI (.ci/run installs it) a missing one fails.
describe.skipIf(!CHROMIUM && !process.env.CI)('delaftale edit in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = tempDir();
    file = join(dir, 'aftale.json');
    draft = draftText();
    writeFileSync(file, draft);
    ({ child: server, url } = await startServer(file));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'da-DK' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Console errors, except the browser's own line for the 409 the save test provokes.
    page.on('console', (m) => { if (m.type() === 'error' && !/status of 409/.test(m.text())) pageErrors.push(m.text()); });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    browser = undefined as unknown as Browser;
    if (server && server.exitCode === null) {
      server.kill('SIGINT');
      await new Promise((r) => server.once('exit', r));
    }
  });

  it('opens: Danish page, the form from the schema, and the preview drawn', async () => {
    await page.goto(url);
    expect(new URL(page.url()).search).toBe(''); // the token went into a cookie, out of the address
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    const amount = page.locator(field(AMOUNT));
    await expect.poll(() => amount.inputValue(), { timeout: 30_000 }).toBe('1.928');
    // Labels are the schema's Danish titles, tied to their fields; help is the description.
    const id = await amount.getAttribute('id');
    expect(await page.locator(`label[for="${id}"]`).innerText()).toContain('Beløb (1.000 kr.)');
    expect(await amount.getAttribute('aria-describedby')).toBeTruthy();
    expect(await page.locator(field('/oekonomi/finansiering/0/beloeb')).inputValue()).toBe('3.100');
    // Lists can be added to, and their items moved and removed.
    expect(await page.getByRole('button', { name: 'Tilføj aktivitet til Aktiviteter' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Flyt Aktivitet 2: .* op$/ }).count()).toBe(1);
    // People are chosen from the people written in the file.
    const part = page.locator(field('/parter/0'));
    expect(await part.evaluate((e) => e.tagName)).toBe('SELECT');
    expect(await part.locator('option:checked').innerText()).toBe('Mikkel Warming (mikkel-warming)');
    // Markdown fields are CodeMirror editors with the field's pointer, labelled.
    const md = page.locator(field('/problemkompleks'));
    expect(await md.getAttribute('contenteditable')).toBe('true');
    expect(await md.getAttribute('aria-labelledby')).toBeTruthy();
    await waitForNewPreview('aftale', -1);
    expect(await page.locator('#panel-aftale canvas').count()).toBeGreaterThan(0);
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['Aftale', 'Aktivitetsskemaer']);
    await shot('1-aabnet.png');
  }, 120_000);

  it('changing an amount to 2.028 changes the preview (2.028, 39,5 %)', async () => {
    const before = await drawnVersion('aftale');
    expect(await previewText('aftale')).toMatch(/1\.928/);
    // Scrolled down in the preview: the new version keeps the place.
    const panel = page.locator('#panel-aftale');
    await panel.evaluate((e) => { e.scrollTop = 1500; });
    await typeInto(AMOUNT, '2.028');
    await waitForNewPreview('aftale', before);
    expect(await panel.evaluate((e) => e.scrollTop)).toBe(1500);
    const text = await previewText('aftale');
    expect(text).toContain('2.028');
    expect(text).toMatch(/39,5 %/);
    expect(await page.locator('#gem-status').innerText()).toContain('Ikke gemte ændringer');
    await page.locator(field(AMOUNT)).press('Tab');
    expect(await page.locator(field(AMOUNT)).inputValue()).toBe('2.028');
    await page.locator(field(AMOUNT)).scrollIntoViewIfNeeded();
    await shot('2-beloeb-aendret.png');
  }, 120_000);

  it('an amount that is not a number is kept as typed and the message shows at the field; fixed, it goes', async () => {
    const amount = page.locator(field(AMOUNT));
    await typeInto(AMOUNT, '1.928 kr');
    await expect.poll(() => amount.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    expect(await amount.inputValue()).toBe('1.928 kr');
    const described = (await amount.getAttribute('aria-describedby'))!.split(' ');
    const messages = await Promise.all(described.map((id) => page.locator(`[id="${id}"]`).innerText()));
    expect(messages.join('\n')).toMatch(/"1\.928 kr"/);
    expect(messages.join('\n')).toContain('I formularen skrives beløbet på dansk, fx 1.928 eller 310,5.');
    // The list of problems has it, and its entry moves focus to the field.
    const entry = page.locator(`#problem-liste button[data-goto="${AMOUNT}"]`);
    expect(await entry.count()).toBe(1);
    await page.locator(field('/indsats')).focus();
    await entry.click();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.pointer)).toBe(AMOUNT);
    await shot('3-fejl-ved-feltet.png');

    await typeInto(AMOUNT, '2.028');
    await expect.poll(() => amount.getAttribute('aria-invalid'), { timeout: 15_000 }).toBeNull();
    expect(await page.locator(`#problem-liste button[data-goto="${AMOUNT}"]`).count()).toBe(0);
  }, 60_000);

  it('a problem at a list shows at the list; lines are added and removed', async () => {
    // Local co-financing under 25 %: the rule's problem is at /oekonomi/finansiering, the list.
    await typeInto(AMOUNT, '100');
    const list = page.locator(field('/oekonomi/finansiering'));
    expect(await list.evaluate((e) => e.tagName)).toBe('FIELDSET');
    await expect.poll(() => list.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    const described = (await list.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${described[0]}"]`).innerText()).toMatch(/lokal medfinansiering er 100 af 3\.200/);
    await typeInto(AMOUNT, '2.028');
    await expect.poll(() => list.getAttribute('aria-invalid'), { timeout: 15_000 }).toBeNull();

    // Add a financing line (focus goes to it; its empty source is a problem), remove it again.
    await page.getByRole('button', { name: 'Tilføj finansieringslinje til Finansieringslinjer' }).click();
    await expect.poll(() => page.locator(field('/oekonomi/finansiering/2/kilde')).count()).toBe(1);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.pointer)).toBe('/oekonomi/finansiering/2/kilde');
    await expect.poll(() => page.locator(field('/oekonomi/finansiering/2/kilde')).getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    await page.getByRole('button', { name: 'Fjern Finansieringslinje 3' }).click();
    await expect.poll(() => page.locator(field('/oekonomi/finansiering/2/kilde')).count()).toBe(0);
  }, 60_000);

  it('Ctrl+S saves: on disk only the amount changed, every other byte identical', async () => {
    await page.locator(field('/indsats')).focus();
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('#gem-status').innerText(), { timeout: 15_000 }).toMatch(/^Gemt kl\. \d\d[.:]\d\d$/);
    const expected = draft.replace('"beloeb": 1928', '"beloeb": 2028');
    expect(expected).not.toBe(draft);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(await page.title()).not.toMatch(/^•/);
  }, 60_000);

  it('a change on disk meanwhile is found on save: a dialog offers Genindlæs', async () => {
    const onDisk = readFileSync(file, 'utf8').replace('"indsats": "Partnerskabet"', '"indsats": "Partnerskabet på disken"');
    writeFileSync(file, onDisk);
    await typeInto('/kortnavn', 'Partnerskabet');
    await page.keyboard.press('Control+s');
    const dialog = page.locator('dialog#dialog');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open), { timeout: 15_000 }).toBe(true);
    expect(await dialog.innerText()).toContain('Filen er ændret på disken');
    await shot('4-aendret-paa-disken.png');
    expect(readFileSync(file, 'utf8')).toBe(onDisk); // nothing overwritten
    await dialog.getByRole('button', { name: 'Genindlæs' }).click();
    await expect.poll(() => page.locator(field('/indsats')).inputValue(), { timeout: 15_000 }).toBe('Partnerskabet på disken');
    expect(await page.locator(field('/kortnavn')).inputValue()).toBe('');
  }, 60_000);

  it('Dan filer builds the saved file and lists the files written', async () => {
    await page.getByRole('button', { name: 'Dan filer' }).click();
    const dialog = page.locator('dialog#dialog');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open), { timeout: 90_000 }).toBe(true);
    const files = await dialog.locator('ul.filer li').allInnerTexts();
    expect(await dialog.locator('h2').innerText(), await dialog.innerText()).toBe('Filerne er dannet');
    expect(files.some((f) => /delaftale-.*\.pdf$/.test(f)), files.join('\n')).toBe(true);
    await shot('5-dan-filer.png');
    await dialog.getByRole('button', { name: 'OK' }).click();
  }, 120_000);

  it('keyboard: Tab reaches the buttons and the fields, Markdown editors let Tab go on, focus is visible', async () => {
    await page.evaluate(() => (document.getElementById('dialog') as HTMLDialogElement).close());
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen: Array<{ tag: string; text: string; pointer?: string; outline: string }> = [];
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate(() => {
        const e = document.activeElement as HTMLElement;
        const s = getComputedStyle(e);
        return { tag: e.tagName, text: (e.innerText ?? '').slice(0, 40), pointer: e.dataset.pointer, outline: `${s.outlineStyle} ${s.outlineWidth}` };
      }));
    }
    const texts = seen.map((s) => s.text);
    for (const b of ['Gem', 'Dan filer', 'Vis ændringer']) expect(texts).toContain(b);
    const pointers = seen.map((s) => s.pointer).filter(Boolean);
    expect(pointers).toContain('/periode');
    expect(pointers).toContain('/indsats');
    expect(pointers).toContain('/boligomraader/0');
    // A Markdown editor is reached, and the next Tab leaves it for the next field.
    await page.locator(field('/problemkompleks')).focus();
    await page.keyboard.press('Tab');
    const after = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.pointer);
    expect(after).toBe('/formaal');
    for (const s of seen) expect(s.outline, `${s.tag} ${s.text}`).not.toMatch(/^none/);
    await shot('6-tastatur-fokus.png');
    // "Gå til afsnit" moves focus to a top-level group.
    await page.getByText('Gå til afsnit').click();
    await shot('6b-afsnit.png');
    await page.getByRole('link', { name: 'Aktiviteter' }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.pointer)).toBe('/aktiviteter');
    // Markdown: "[^" offers the footnotes the agreement defines.
    await page.locator(field('/formaal')).focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' [^omd');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await expect.poll(() => options.allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining('[^omdoemmeanalyse-2015]')]);
    // CodeMirror takes Enter as a new line for 75 ms after the list opens (its interactionDelay,
    // so that a fast typist's Enter is not taken as a choice): a person sees the list first.
    await page.waitForTimeout(200);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(field('/formaal')).innerText(), { timeout: 5_000 }).toMatch(/\[\^omdoemmeanalyse-2015\]$/);
    expect(await page.locator(field('/formaal') + ' .cm-fodnote').count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

describe.skipIf(!CHROMIUM && !process.env.CI)('delaftale edit on an approved version, in Chromium', () => {
  let approvedServer: ChildProcess;
  let approvedFile: string;
  let p: Page;

  beforeAll(async () => {
    const d = tempDir();
    approvedFile = join(d, 'aftale.json');
    writeFileSync(approvedFile, readFileSync(SEED_FILE));
    const started = await startServer(approvedFile);
    approvedServer = started.child;
    browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    p = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'da-DK' });
    await p.goto(started.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (approvedServer && approvedServer.exitCode === null) {
      approvedServer.kill('SIGINT');
      await new Promise((r) => approvedServer.once('exit', r));
    }
  });

  it('saving over the approved version offers "Start næste version"; then Vis ændringer shows the report as a third tab', async () => {
    const before = readFileSync(approvedFile, 'utf8');
    await expect.poll(() => p.locator('#godkendt').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await p.locator('#godkendt').innerText()).toContain('Version 1.0 er godkendt af Bydelsbestyrelsen');
    const amount = p.locator(field(AMOUNT));
    await amount.click();
    await p.keyboard.press('Control+A');
    await p.keyboard.type('2.028');
    await p.keyboard.press('Control+s');
    const dialog = p.locator('dialog#dialog');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open), { timeout: 15_000 }).toBe(true);
    expect(readFileSync(approvedFile, 'utf8')).toBe(before);
    await dialog.getByRole('button', { name: 'Start næste version' }).click();
    await expect.poll(() => p.locator(field('/revision/version')).inputValue(), { timeout: 15_000 }).toBe('1.1');
    expect(await p.locator(field(AMOUNT)).inputValue()).toBe('2.028');
    expect(await p.locator('#gem-status').innerText()).toContain('1.1');
    // A list item's heading and buttons follow its name as it is typed.
    await p.locator(field('/aktiviteter/1/navn')).fill('Trygge byrum');
    expect(await p.getByRole('button', { name: 'Flyt Aktivitet 2: Trygge byrum op' }).count()).toBe(1);
    expect(await p.locator(field('/aktiviteter/1')).locator('legend').first().innerText()).toBe('Aktivitet 2: Trygge byrum');
    // Unsaved: the page's beforeunload handler asks the browser to warn before leaving.
    const warns = () => p.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })));
    expect(await warns()).toBe(true);

    await p.getByRole('button', { name: 'Vis ændringer' }).click();
    await expect.poll(() => p.getByRole('tab').allInnerTexts(), { timeout: 90_000 }).toEqual(['Aftale', 'Aktivitetsskemaer', 'Ændringer']);
    expect(await p.getByRole('tab', { name: 'Ændringer' }).getAttribute('aria-selected')).toBe('true');
    await p.waitForFunction(() => document.getElementById('panel-aendringer')?.dataset.version, null, { timeout: 90_000 });
    expect(await p.locator('#panel-aendringer canvas').count()).toBeGreaterThan(0);
    await p.screenshot({ path: join(SHOTS, '7-aendringer.png') });

    await p.keyboard.press('Control+s');
    await expect.poll(() => p.locator('#gem-status').innerText(), { timeout: 15_000 }).toMatch(/^Gemt kl\./);
    expect(await warns()).toBe(false); // saved: leaving asks nothing
    const saved = JSON.parse(readFileSync(approvedFile, 'utf8'));
    expect(saved.revision.version).toBe('1.1');
    expect(saved.revision.godkendt).toBeUndefined();
    expect(saved.oekonomi.finansiering[1].beloeb).toBe(2028);
  }, 180_000);
});
