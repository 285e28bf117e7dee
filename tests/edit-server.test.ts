import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, SEED_FILE, tempDir } from './helpers.js';
import { pdfText, textHas } from './readers.js';

/**
 * `delaftale edit`'s server as the browser (and an attacker) meets it: the real CLI started
 * with --no-open, its first stdout line read for the address, then raw HTTP requests with
 * node:http, which lets a test set any Host, Origin and Content-Type.
 */

interface Editing {
  child: ChildProcess;
  port: number;
  token: string;
  out: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

function startEdit(file: string, cwd: string, extra: string[] = []): Promise<Editing> {
  const child = spawn(process.execPath, [BIN, 'edit', file, '--no-open', ...extra], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      const first = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)\n/.exec(stdout);
      if (first) resolve({ child, port: Number(first[1]), token: first[2]!, out: () => stdout, exited });
    });
    void exited.then((code) => reject(new Error(`edit stopped (${code}) before it served:\n${stdout}\n${stderr}`)));
  });
}

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; json: () => any }

/** One raw request; `headers` replace the defaults (Host 127.0.0.1:PORT). */
function send(port: number, method: string, path: string, o: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  const body = o.body === undefined ? undefined : Buffer.from(typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...(body ? { 'content-length': String(body.length) } : {}), ...o.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const b = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body: b, json: () => JSON.parse(b.toString('utf8')) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A request as the form sends it: the session cookie, JSON, from its own origin. */
function api(e: Editing, path: string, body?: unknown): Promise<Reply> {
  const cookie = `delaftale-${e.port}=${e.token}`;
  if (body === undefined) return send(e.port, 'GET', path, { headers: { cookie } });
  return send(e.port, 'POST', path, { headers: { cookie, 'content-type': 'application/json', origin: `http://127.0.0.1:${e.port}` }, body });
}

/** A draft copy of the seed (revision.godkendt removed from its text, the rest as it is). */
function draftCopy(dir: string): { file: string; text: string } {
  const seedText = readFileSync(SEED_FILE, 'utf8');
  const text = seedText.replace(/,\n    "godkendt": \{\n      "dato": "2018-01-01",\n      "af": "Bydelsbestyrelsen"\n    \}/, '');
  expect(text).not.toBe(seedText);
  const file = join(dir, 'aftale.json');
  writeFileSync(file, text);
  return { file, text };
}

afterAll(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('delaftale edit: the server', () => {
  const dir = tempDir();
  let draft: { file: string; text: string };
  let e: Editing;
  let value: any;

  beforeAll(async () => {
    draft = draftCopy(dir);
    e = await startEdit('aftale.json', dir, ['--out', 'ud']);
  }, 120_000);

  it('refuses requests without the token, with a wrong token, with a foreign Host, and cross-origin or non-JSON writes', async () => {
    const good = { cookie: `delaftale-${e.port}=${e.token}` };
    expect((await send(e.port, 'GET', '/api/state')).status).toBe(403);
    expect((await send(e.port, 'GET', '/')).status).toBe(403);
    expect((await send(e.port, 'GET', '/api/state', { headers: { cookie: `delaftale-${e.port}=${e.token.slice(1)}x` } })).status).toBe(403);
    const wrong = await send(e.port, 'GET', '/?token=forkert');
    expect(wrong.status).toBe(403);
    expect(wrong.body.toString()).toContain('adgangsnøglen mangler eller er forkert');

    // DNS rebinding: the right token, but the browser names another host.
    for (const host of [`evil.example:${e.port}`, 'evil.example', `127.0.0.1:${e.port + 1}`, `localhost.evil.example:${e.port}`]) {
      const r = await send(e.port, 'GET', `/api/state?token=${e.token}`, { headers: { host, ...good } });
      expect(r.status, host).toBeGreaterThanOrEqual(400);
      expect(r.status, host).toBeLessThan(500);
      expect(r.body.toString()).not.toContain('"value"');
    }
    expect((await send(e.port, 'GET', '/api/state', { headers: { host: `localhost:${e.port}`, ...good } })).status).toBe(200);

    // CSRF: a page elsewhere posting to the server (the browser adds its cookie, and its Origin).
    const body = { value: JSON.parse(draft.text), hash: 'x' };
    const cross = await send(e.port, 'POST', '/api/save', { headers: { ...good, 'content-type': 'application/json', origin: 'http://evil.example' }, body });
    expect(cross.status).toBe(403);
    const site = await send(e.port, 'POST', '/api/check', { headers: { ...good, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, body });
    expect(site.status).toBe(403);
    const form = await send(e.port, 'POST', '/api/check', { headers: { ...good, 'content-type': 'text/plain', origin: `http://127.0.0.1:${e.port}` }, body });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    expect((await send(e.port, 'POST', '/api/check', { headers: { 'content-type': 'application/json' }, body })).status).toBe(403);
    expect(readFileSync(draft.file, 'utf8')).toBe(draft.text);
  });

  it('sets the token as an HttpOnly, SameSite=Strict cookie and sends the security headers', async () => {
    const first = await send(e.port, 'GET', `/?token=${e.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(String(first.headers['set-cookie'])).toBe(`delaftale-${e.port}=${e.token}; HttpOnly; SameSite=Strict; Path=/`);
    expect(first.headers['content-security-policy']).toContain("default-src 'self'");
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['cache-control']).toBe('no-store');
    const page = await api(e, '/');
    // The form's page, or the Danish placeholder when the browser half is not built.
    if (page.status === 503) expect(page.body.toString()).toContain('Formularen er ikke bygget; kør npm run build-web');
    else expect(page.headers['content-type']).toContain('text/html');
  });

  it('serves no file but its own: a path in a request never reaches the file system', async () => {
    const cookie = `delaftale-${e.port}=${e.token}`;
    for (const path of ['/assets/../package.json', '/assets/%2e%2e%2fpackage.json', '/assets/..%2fpackage.json', '/../package.json', '/package.json', '/assets/', '/preview/../aftale.json', `/${'aftale.json'}`]) {
      const r = await send(e.port, 'GET', path, { headers: { cookie } });
      expect(r.status, path).toBe(404);
      expect(r.body.toString(), path).not.toContain('"name": "delaftale"');
    }
  });

  it('gives the state: text, hash, value, schema, problems (pointer without #), lists', async () => {
    const r = await api(e, '/api/state');
    expect(r.status).toBe(200);
    const state = r.json();
    expect(state.file).toBe('aftale.json');
    expect(state.text).toBe(draft.text);
    expect(state.value).toEqual(JSON.parse(draft.text));
    expect(state.approved).toBe(false);
    expect(state.out).toBe('ud');
    expect(state.schema.$defs.revision).toBeDefined();
    expect(state.lists.personer).toContain('susanne-soegaard-groen');
    expect(state.lists.organisationer).toContain('sof');
    // The seed's known warning: an empty "Formål og mål".
    expect(state.problems).toContainEqual(expect.objectContaining({ pointer: '/aktiviteter/3/formaal', severity: 'advarsel', rule: 'aktivitetsskema' }));
    value = state.value;
  });

  it('checks a value as validate does: "1.928 kr" is a problem at its field, with the line the saved file would have', async () => {
    const wrong = structuredClone(value);
    wrong.oekonomi.finansiering[1].beloeb = '1.928 kr';
    const r = await api(e, '/api/check', { value: wrong });
    expect(r.status).toBe(200);
    const problem = r.json().problems.find((p: any) => p.pointer === '/oekonomi/finansiering/1/beloeb');
    expect(problem).toMatchObject({ severity: 'fejl', rule: 'schema/type' });
    expect(problem.message).toContain('1928');
    const line = draft.text.split('\n').findIndex((l) => l.includes('"beloeb": 1928')) + 1;
    expect(problem.line).toBe(line);
    // Nothing was written.
    expect(readFileSync(draft.file, 'utf8')).toBe(draft.text);
    // The same value again is answered from the last validation, identically.
    expect((await api(e, '/api/check', { value: wrong })).json()).toEqual(r.json());
    // A preview of a value with errors keeps no new version.
    const p = await api(e, '/api/preview', { value: wrong });
    expect(p.json().version).toBeNull();
    expect(p.json().problems.some((x: any) => x.pointer === '/oekonomi/finansiering/1/beloeb')).toBe(true);
  }, 120_000);

  it('previews 2028 as a PDF showing 2.028 and 39,5 %, and the activity sheets as a PDF', async () => {
    const changed = structuredClone(value);
    changed.oekonomi.finansiering[1].beloeb = 2028;
    const r = await api(e, '/api/preview', { value: changed });
    expect(r.status).toBe(200);
    const answer = r.json();
    expect(answer.version).toEqual(expect.any(Number));
    expect(answer.documents.map((d: any) => d.name)).toEqual(['aftale', 'aktivitetsskemaer']);
    const pdf = await api(e, answer.documents[0].url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = join(dir, 'preview.pdf');
    writeFileSync(file, pdf.body);
    const text = (await pdfText(file)).map((p) => p.raw).join('\n');
    expect(textHas(text, '2.028')).toBe(true);
    expect(textHas(text, '39,5 %')).toBe(true);
    const sheets = await api(e, answer.documents[1].url);
    expect(sheets.headers['content-type']).toBe('application/pdf');
    writeFileSync(join(dir, 'sheets.pdf'), sheets.body);
    expect(textHas((await pdfText(join(dir, 'sheets.pdf'))).map((p) => p.raw).join('\n'), 'Kontaktpersonordningen')).toBe(true);
    // Nothing was written by a preview.
    expect(readFileSync(draft.file, 'utf8')).toBe(draft.text);
  }, 180_000);

  it('renders only the newest of the values sent while a render runs', async () => {
    const values = [3001, 3002, 3003].map((beloeb) => {
      const v = structuredClone(value);
      v.oekonomi.finansiering[1].beloeb = beloeb;
      return v;
    });
    // Sent one after another (a render takes seconds), as typing sends them; none awaited.
    const replies: Promise<Reply>[] = [];
    for (const v of values) {
      replies.push(api(e, '/api/preview', { value: v }));
      await new Promise((r) => setTimeout(r, 150));
    }
    const [, middle, last] = await Promise.all(replies);
    expect(middle!.json()).toEqual({ superseded: true });
    const answer = last!.json();
    expect(answer.version).toEqual(expect.any(Number));
    writeFileSync(join(dir, 'newest.pdf'), (await api(e, answer.documents[0].url)).body);
    const text = (await pdfText(join(dir, 'newest.pdf'))).map((p) => p.raw).join('\n');
    expect(textHas(text, '3.003')).toBe(true);
    expect(textHas(text, '3.002')).toBe(false);
  }, 180_000);

  it('has no change report for a file that was a draft when it was opened', async () => {
    const r = await api(e, '/api/changes', { value });
    expect(r.status).toBe(200);
    expect(r.json().message).toContain('ingen godkendt version');
  });

  it('saves the change with the rest of the file byte-identical, and refuses when the file changed on disk', async () => {
    const { hash } = (await api(e, '/api/state')).json();
    const changed = structuredClone(value);
    changed.oekonomi.finansiering[1].beloeb = 2028;
    expect(draft.text.split('"beloeb": 1928').length).toBe(2);
    const r = await api(e, '/api/save', { value: changed, hash });
    expect(r.status).toBe(200);
    const saved = readFileSync(draft.file, 'utf8');
    expect(saved).toBe(draft.text.replace('"beloeb": 1928', '"beloeb": 2028'));
    expect(r.json().text).toBe(saved);
    expect(r.json().hash).not.toBe(hash);
    // No temporary file is left next to it.
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);

    // Another program writes the file: the form's next save is refused, and reload shows the file as it is.
    const other = saved.replace('"beloeb": 2028', '"beloeb": 2029');
    writeFileSync(draft.file, other);
    changed.oekonomi.finansiering[1].beloeb = 2030;
    const refused = await api(e, '/api/save', { value: changed, hash: r.json().hash });
    expect(refused.status).toBe(409);
    expect(refused.json().reason).toBe('changed-on-disk');
    expect(refused.json().message).toContain('Indlæs filen igen');
    expect(readFileSync(draft.file, 'utf8')).toBe(other);
    // A stale hash from the form is refused the same way.
    const reloaded = await api(e, '/api/reload', {});
    expect(reloaded.json().text).toBe(other);
    expect((await api(e, '/api/save', { value: changed, hash: r.json().hash })).status).toBe(409);
    // A draft with problems can be saved, as long as it is JSON.
    changed.oekonomi.finansiering[1].beloeb = '1.928 kr';
    const withProblem = await api(e, '/api/save', { value: changed, hash: reloaded.json().hash });
    expect(withProblem.status).toBe(200);
    expect(readFileSync(draft.file, 'utf8')).toBe(draft.text.replace('"beloeb": 1928', '"beloeb": "1.928 kr"'));
    // Back to the number, for the build below.
    changed.oekonomi.finansiering[1].beloeb = 2028;
    expect((await api(e, '/api/save', { value: changed, hash: withProblem.json().hash })).status).toBe(200);
  }, 60_000);

  it('builds the saved file into --out with the same file names as delaftale build', async () => {
    const r = await api(e, '/api/build', {});
    expect(r.status).toBe(200);
    const answer = r.json();
    expect(answer.message).toContain('Dannede');
    const other = join(dir, 'cli');
    const cli = await runCli(['build', draft.file, '--out', other]);
    expect(cli.code).toBe(0);
    const names = (d: string) => readdirSync(d).filter((n) => !n.startsWith('.')).sort();
    expect(names(join(dir, 'ud'))).toEqual(names(other));
    expect([...answer.files, 'manifest.json'].sort()).toEqual(names(other));
    const manifest = (d: string) => (JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] }).files;
    expect(manifest(join(dir, 'ud')).map((f) => f.path)).toEqual(manifest(other).map((f) => f.path));
  }, 240_000);

  it('stops on Ctrl-C (SIGINT) with exit 0 and "Stoppet."', async () => {
    e.child.kill('SIGINT');
    expect(await e.exited).toBe(0);
    expect(e.out()).toContain('Stoppet.');
  }, 60_000);
});

describe('delaftale edit: an approved version', () => {
  it('is not saved over; the next version (number, date, history line) is, and the change report compares with the approved one', async () => {
    const dir = tempDir();
    const seedText = readFileSync(SEED_FILE, 'utf8');
    writeFileSync(join(dir, 'aftale.json'), seedText);
    const e = await startEdit('aftale.json', dir);
    try {
      const state = (await api(e, '/api/state')).json();
      expect(state.approved).toBe(true);
      const changed = structuredClone(state.value);
      changed.oekonomi.finansiering[1].beloeb = 2028;
      const refused = await api(e, '/api/save', { value: changed, hash: state.hash });
      expect(refused.status).toBe(409);
      expect(refused.json().reason).toBe('approved');
      expect(refused.json().message).toContain('Start næste version');
      expect(readFileSync(join(dir, 'aftale.json'), 'utf8')).toBe(seedText);

      const next = await api(e, '/api/next-version', { value: changed });
      expect(next.status).toBe(200);
      const rev = next.json().value.revision;
      expect(rev.version).toBe('1.1');
      expect(rev.godkendt).toBeUndefined();
      expect(rev.dato).toBe(new Date().toISOString().slice(0, 10));
      expect(rev.historik).toEqual([{ version: '1.0', dato: '2018-01-01', godkendt: { dato: '2018-01-01', af: 'Bydelsbestyrelsen' }, resume: state.value.revision.resume }]);
      expect(next.json().value.oekonomi.finansiering[1].beloeb).toBe(2028);
      // Not saved by starting it.
      expect(readFileSync(join(dir, 'aftale.json'), 'utf8')).toBe(seedText);

      const saved = await api(e, '/api/save', { value: next.json().value, hash: state.hash });
      expect(saved.status).toBe(200);
      const text = readFileSync(join(dir, 'aftale.json'), 'utf8');
      expect(JSON.parse(text)).toEqual(next.json().value);
      // Only the revision and the amount changed: the lines before "revision" are as they were.
      expect(text.slice(0, seedText.indexOf('"revision"'))).toBe(seedText.slice(0, seedText.indexOf('"revision"')));

      const changes = await api(e, '/api/changes', { value: next.json().value });
      expect(changes.status).toBe(200);
      expect(changes.json().text).toContain('1.928');
      expect(changes.json().text).toContain('2.028');
      const pdf = await api(e, changes.json().url);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      writeFileSync(join(dir, 'aendringer.pdf'), pdf.body);
      expect(textHas((await pdfText(join(dir, 'aendringer.pdf'))).map((p) => p.raw).join('\n'), '2.028')).toBe(true);
    } finally {
      e.child.kill('SIGINT');
      await e.exited;
    }
  }, 240_000);
});

describe('delaftale edit without a file', () => {
  it('asks where to save a copy only on a terminal; elsewhere it says how to name the file', async () => {
    const r = await runCli(['edit', '--no-open'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('angiv filen, der skal redigeres');
    expect(r.stdout).toBe('');
  });
});
