import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, seed, tempDir } from './helpers.js';
import { pdfText, textHas } from './readers.js';

/** `delaftale watch` as a user runs it: a long-lived process, a file saved in an editor, Ctrl-C. */
interface Watching {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  /** Resolves when `pattern` matches the output (stdout + stderr) after `from` characters. */
  until: (pattern: RegExp, from: number, ms?: number) => Promise<void>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function startWatch(args: string[], cwd: string): Watching {
  const child = spawn(process.execPath, [BIN, 'watch', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  let both = '';
  const waiters = new Set<() => void>();
  const onData = (which: 'out' | 'err') => (chunk: Buffer) => {
    const s = chunk.toString('utf8');
    if (which === 'out') stdout += s;
    else stderr += s;
    both += s;
    for (const w of [...waiters]) w();
  };
  child.stdout!.on('data', onData('out'));
  child.stderr!.on('data', onData('err'));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const until = (pattern: RegExp, from: number, ms = 60_000) => new Promise<void>((resolve, reject) => {
    const check = () => {
      if (pattern.test(both.slice(from))) {
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      }
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`timed out waiting for ${pattern}; output so far:\n${both}`));
    }, ms);
    waiters.add(check);
    check();
  });
  return { child, out: () => stdout, err: () => stderr, until, exited };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const BUILT = /\d\d:\d\d:\d\d byggede delaftale-[^,\s]+\.pdf, .* på \d+ ms\n/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('delaftale watch', () => {
  it('builds at start, rebuilds on a change, ignores a save without change, keeps the outputs on invalid content, respects the overwrite guard, and stops on Ctrl-C', async () => {
    const dir = tempDir();
    const file = join(dir, 'aftale.json');
    const content = seed();
    delete content.revision.godkendt; // a draft: its files may be replaced
    writeFileSync(file, JSON.stringify(content, null, 2));
    const w = startWatch(['aftale.json', '--out', 'ud', '--format', 'pdf', 'docx'], dir);
    const manifest = join(dir, 'ud', 'manifest.json');

    await w.until(BUILT, 0, 90_000);
    const entries = (JSON.parse(readFileSync(manifest, 'utf8')) as { files: { kind: string; path: string }[] }).files;
    const pdf = join(dir, 'ud', entries.find((e) => e.kind === 'agreement-pdf')!.path);
    expect(w.out()).toContain('Holder øje med aftale.json');
    const first = { pdf: sha(pdf), manifest: sha(manifest) };

    // A valid change, saved the way editors do: a new file renamed over the old one.
    let mark = w.out().length + w.err().length;
    const original = content.problemkompleks;
    content.problemkompleks = `${original}\n\nEt nyt afsnit skrevet efter bestyrelsesmødet.`;
    writeFileSync(`${file}.tmp`, JSON.stringify(content, null, 2));
    renameSync(`${file}.tmp`, file);
    await w.until(BUILT, mark);
    const second = { pdf: sha(pdf), manifest: sha(manifest) };
    expect(second.pdf).not.toBe(first.pdf);
    expect(second.manifest).not.toBe(first.manifest);

    // Touching the file without changing it builds nothing.
    mark = w.out().length + w.err().length;
    utimesSync(file, new Date(), new Date());
    await sleep(1000);
    expect(`${w.out()}${w.err()}`.length).toBe(mark);

    // Invalid content: the problem is shown with its place, the outputs stay as they were.
    mark = w.out().length + w.err().length;
    const invalid = JSON.parse(JSON.stringify(content)) as { oekonomi: { finansiering: { beloeb: unknown }[] } };
    invalid.oekonomi.finansiering[1]!.beloeb = '1.928 kr';
    writeFileSync(file, JSON.stringify(invalid, null, 2));
    await w.until(/Beholder de tidligere filer\./, mark);
    expect(w.err()).toMatch(/aftale\.json:\d+:\d+ {2}#\/oekonomi\/finansiering\/1\/beloeb {2}fejl {2}schema\/type/);
    expect(sha(pdf)).toBe(second.pdf);
    expect(sha(manifest)).toBe(second.manifest);

    // The board approves the draft; the files are rebuilt and now belong to an approved version.
    mark = w.out().length + w.err().length;
    content.revision.godkendt = { dato: '2018-01-01', af: 'Bydelsbestyrelsen' };
    writeFileSync(file, JSON.stringify(content, null, 2));
    await w.until(BUILT, mark);
    const approved = { pdf: sha(pdf), manifest: sha(manifest) };
    expect(approved.pdf).not.toBe(second.pdf);

    // Editing the approved version without a new version number: the guard keeps its files.
    mark = w.out().length + w.err().length;
    const errMark = w.err().length;
    content.problemkompleks = original;
    writeFileSync(file, JSON.stringify(content, null, 2));
    await w.until(/Beholder de tidligere filer\./, mark);
    expect(w.err().slice(errMark)).toContain('som er godkendt, og indholdet er ændret siden; filen erstattes ikke.');
    expect(sha(pdf)).toBe(approved.pdf);
    expect(sha(manifest)).toBe(approved.manifest);

    w.child.kill('SIGINT');
    const code = await Promise.race([w.exited, sleep(10_000).then(() => 'timeout' as const)]);
    expect(code).toBe(0);
    expect(w.out()).toContain('Stoppet.');
  }, 180_000);

  it('rebuilds a delaftale when its plan file (in the same folder) is saved', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'content/helhedsplan-solbakken'), dir, { recursive: true });
    const planFile = join(dir, 'plan.json');
    // --force: the example is an approved version, whose files a changed plan may replace only so.
    const w = startWatch(['beskaeftigelse.json', '--out', 'ud', '--format', 'pdf', '--force'], dir);
    await w.until(BUILT, 0, 90_000);
    const manifest = join(dir, 'ud', 'manifest.json');
    const pdf = join(dir, 'ud', (JSON.parse(readFileSync(manifest, 'utf8')) as { files: { kind: string; path: string }[] }).files.find((e) => e.kind === 'agreement-pdf')!.path);
    const before = sha(pdf);

    const mark = w.out().length + w.err().length;
    writeFileSync(planFile, readFileSync(planFile, 'utf8').replace('"navn": "Karin Holm"', '"navn": "Karoline Hjortshøj"'));
    await w.until(BUILT, mark);
    expect(sha(pdf)).not.toBe(before);
    const text = (await pdfText(pdf)).map((p) => p.raw).join('\n');
    expect(textHas(text, 'Karoline Hjortshøj')).toBe(true);

    w.child.kill('SIGINT');
    expect(await Promise.race([w.exited, sleep(10_000).then(() => 'timeout' as const)])).toBe(0);
  }, 180_000);

  it('refuses a folder with exit 2', async () => {
    const w = startWatch(['content'], ROOT);
    expect(await w.exited).toBe(2);
    expect(w.err()).toContain('én indholdsfil');
  }, 30_000);
});
