import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pseudoRoot } from '../src/cli/out-folder.js';
import { fitFileName, shortSlug } from '../src/util/file-names.js';
import { BIN, runCli, seed, tempDir, type Run } from './helpers.js';

/**
 * --out as a hostile or careless place: links planted by another user, pseudo file
 * systems, a regular file, a second build at the same time, a build that is stopped.
 */

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const XLSX = ['--format', 'xlsx'];
const timed = async (run: Promise<Run>): Promise<Run & { seconds: number }> => {
  const started = Date.now();
  const r = await run;
  return { ...r, seconds: (Date.now() - started) / 1000 };
};
/** Every manifest entry exists beside it with its SHA-256, and nothing but the outputs and the manifest is left. */
function expectCompleteSet(dir: string, besides: (name: string) => boolean = () => false): { path: string; version?: string }[] {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; version?: string }[] };
  for (const f of m.files) expect(sha(join(dir, f.path)), f.path).toBe(f.sha256);
  expect(readdirSync(dir).filter((n) => !besides(n)).sort()).toEqual([...m.files.map((f) => f.path), 'manifest.json'].sort());
  return m.files;
}
const draft = (version: string) => {
  const c = seed();
  delete c.revision.godkendt;
  c.revision.version = version;
  return c;
};

describe('--out: where a build may write', () => {
  it('never writes through a planted symbolic link, inside or outside --out', async () => {
    const dir = tempDir();
    const out = join(dir, 'ud');
    mkdirSync(out);
    const victim = join(dir, 'offer.txt');
    writeFileSync(victim, 'urørt\n');
    mkdirSync(join(dir, 'offer-mappe'));
    // The next pids' temporary names of the old writer, the journal's and the lock's names: all links out of --out.
    for (let pid = process.pid; pid < process.pid + 300; pid++) symlinkSync('../offer.txt', join(out, `manifest.json.${pid}.tmp`));
    symlinkSync('../offer-mappe', join(out, '.delaftale-swap'));
    symlinkSync('../offer.txt', join(out, '.delaftale-lock'));
    symlinkSync('../offer.txt', join(out, 'manifest.json'));
    const r = await runCli(['build', ...XLSX, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('urørt\n');
    expect(readdirSync(join(dir, 'offer-mappe'))).toEqual([]);
    expect(lstatSync(join(out, 'manifest.json')).isFile()).toBe(true);
    // The old writer's temporary names are removed once their process is gone; a live pid's stay, as links, unfollowed.
    const left = readdirSync(out).filter((n) => n.endsWith('.tmp'));
    expect(left.length).toBeLessThan(300);
    for (const n of left) expect(lstatSync(join(out, n)).isSymbolicLink(), n).toBe(true);
    expectCompleteSet(out, (n) => n.endsWith('.tmp'));
  }, 60_000);

  it('pseudoRoot: /proc, /sys, /dev and below, nothing else', () => {
    expect(['/proc', '/proc/1/fd', '/sys/x', '/dev/shm/x'].map(pseudoRoot)).toEqual(['/proc', '/proc', '/sys', '/dev']);
    expect(['/processer', '/tmp/proc', '/home/dev'].map(pseudoRoot)).toEqual([undefined, undefined, undefined]);
  });

  it('refuses /proc, /proc/self and /sys within seconds, with a Danish message', async () => {
    for (const out of ['/proc/x', '/proc/self', '/sys/delaftale']) {
      const r = await timed(runCli(['build', ...XLSX, '--out', out]));
      expect(r.code, out).toBe(4);
      expect(r.seconds, out).toBeLessThan(20); // 0,4 s on a quiet machine; the bound only rules out spinning
      expect(r.stderr, out).toContain(`delaftale: ${out} ligger i /`);
      expect(r.stderr, out).toContain('som kun viser systemets tilstand og ikke kan gemme filer; vælg en almindelig mappe.');
      expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    }
  }, 60_000);

  it('says "er en fil, ikke en mappe" for a regular file, and for a file on the way', async () => {
    const dir = tempDir();
    const file = join(dir, 'fil.txt');
    writeFileSync(file, 'x');
    const r = await runCli(['build', ...XLSX, '--out', 'fil.txt'], { cwd: dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('delaftale: fil.txt er en fil, ikke en mappe.\nIntet blev skrevet.');
    const deeper = await runCli(['build', ...XLSX, '--out', 'fil.txt/ud/mere'], { cwd: dir });
    expect(deeper.code).toBe(4);
    expect(deeper.stderr).toContain('delaftale: fil.txt er en fil, ikke en mappe, så fil.txt/ud/mere kan ikke oprettes.');
    expect(readFileSync(file, 'utf8')).toBe('x');
  }, 60_000);

  it('creates missing folders one at a time', async () => {
    const dir = tempDir();
    const r = await runCli(['build', ...XLSX, '--out', 'a/b/c'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expectCompleteSet(join(dir, 'a/b/c'));
  }, 60_000);
});

describe('one build at a time per folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFileSync(join(dir, 'v2.0.json'), JSON.stringify(draft('2.0')));
    writeFileSync(join(dir, 'v2.1.json'), JSON.stringify(draft('2.1')));
  });

  it('two builds into one folder at once: both sets, one manifest listing every file', async () => {
    const out = join(dir, 'samtidig');
    const [a, b] = await Promise.all(['v2.0.json', 'v2.1.json'].map((f) => runCli(['build', join(dir, f), '--format', 'docx', 'xlsx', '--out', out])));
    expect(a!.code, a!.stderr).toBe(0);
    expect(b!.code, b!.stderr).toBe(0);
    const files = expectCompleteSet(out);
    expect(files.map((f) => f.version).sort()).toEqual(['2.0', '2.0', '2.0', '2.1', '2.1', '2.1']);
  }, 120_000);

  it('a lock held by a live process: waits, then stops with exit 6 naming the holder; a dead holder\'s lock is taken over', async () => {
    const out = join(dir, 'laast');
    mkdirSync(out);
    writeFileSync(join(out, '.delaftale-lock'), JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' }));
    const r = await timed(runCli(['build', join(dir, 'v2.0.json'), ...XLSX, '--out', out], { env: { DELAFTALE_LOCK_WAIT: '1' } }));
    expect(r.code).toBe(6);
    expect(r.seconds).toBeLessThan(15);
    expect(r.stderr).toContain(`er optaget af en anden dannelse (proces ${process.pid} på ${hostname()}); venter op til 1 sekunder`);
    expect(r.stderr).toContain(`er optaget af en anden dannelse (proces ${process.pid} på ${hostname()}, startet 2026-01-01T00:00:00.000Z), også efter 1 sekunders venten.`);
    expect(readdirSync(out)).toEqual(['.delaftale-lock']);

    // A pid that is gone: the lock is stale.
    const gone = spawn(process.execPath, ['-e', '']);
    const pid = gone.pid!;
    await new Promise((resolve) => gone.on('exit', resolve));
    writeFileSync(join(out, '.delaftale-lock'), JSON.stringify({ pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' }));
    const stale = await runCli(['build', join(dir, 'v2.0.json'), ...XLSX, '--out', out]);
    expect(stale.code, stale.stderr).toBe(0);
    expectCompleteSet(out);
  }, 120_000);
});

describe('a build that is stopped', () => {
  let dir: string;
  let before: Record<string, string>;
  let ref: string;
  beforeAll(async () => {
    dir = tempDir();
    ref = join(dir, 'ref');
    writeFileSync(join(dir, 'gammel.json'), JSON.stringify(draft('1.0')));
    const r = await runCli(['build', join(dir, 'gammel.json'), ...XLSX, '--out', ref]);
    if (r.code !== 0) throw new Error(r.stderr);
    before = Object.fromEntries(readdirSync(ref).map((f) => [f, sha(join(ref, f))]));
    const next = draft('1.0');
    next.aktiviteter[0]!.navn = 'Sociale tryghedsvandringer i hele området';
    writeFileSync(join(dir, 'ny.json'), JSON.stringify(next));
  }, 60_000);

  const copy = (name: string) => {
    const out = join(dir, name);
    cpSync(ref, out, { recursive: true });
    return out;
  };
  const unchanged = (out: string) => expect(Object.fromEntries(readdirSync(out).map((f) => [f, sha(join(out, f))]))).toEqual(before);

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal} stops the workers and exits ${code} with the old set in place`, async () => {
      const out = copy(signal);
      const child = spawn(process.execPath, [BIN, 'build', join(dir, 'ny.json'), '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      await new Promise((r) => setTimeout(r, 1500));
      const sent = Date.now();
      child.kill(signal);
      const exit = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      expect((Date.now() - sent) / 1000).toBeLessThan(10);
      expect(exit).toBe(code);
      expect(stderr).toContain(`delaftale: stopper (modtog ${signal}).`);
      expect(stderr).toContain(`Intet blev skrevet; tidligere filer i ${out} er uændrede.`);
      unchanged(out);
    }, 60_000);
  }

  it('stops when the process that started it (npx) is killed', async () => {
    const out = copy('forælder');
    // A parent like npx: starts the CLI as its child, prints the child's pid, and is then killed with SIGKILL.
    const parent = spawn(process.execPath, ['-e', `
      const c = require('node:child_process').spawn(process.execPath, ${JSON.stringify([BIN, 'build', join(dir, 'ny.json'), '--out', out])}, { stdio: ['ignore', 'ignore', 'inherit'] });
      console.log(c.pid);
      setInterval(() => {}, 1000);
    `], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    parent.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const pid = await new Promise<number>((r) => parent.stdout.once('data', (d: Buffer) => r(Number(d.toString().trim()))));
    await new Promise((r) => setTimeout(r, 1000));
    parent.kill('SIGKILL');
    const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const started = Date.now();
    while (alive() && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
    // Polled every 0,5 s; the bound allows a loaded machine.
    expect((Date.now() - started) / 1000).toBeLessThan(10);
    // The CLI writes to the stderr it shares with its parent, which this test still reads.
    expect(stderr).toContain('delaftale: stopper (processen, der startede delaftale, er stoppet).');
    await new Promise((r) => setTimeout(r, 3000));
    unchanged(out);
  }, 60_000);
});

describe('file names within 120 characters', () => {
  it('shortSlug / fitFileName: the content\'s part is cut and keeps a hash of the whole', () => {
    expect(shortSlug('kort', 10)).toBe('kort');
    const long = 'a-'.repeat(100);
    const s = shortSlug(long, 40);
    expect(s.length).toBeLessThanOrEqual(40);
    expect(s).toMatch(/^a(-a)*-[0-9a-f]{6}$/);
    expect(shortSlug(`${long}x`, 40)).not.toBe(s);
    const fit = fitFileName((slug) => `delaftale-${slug}-v1.0`, 'x'.repeat(300));
    expect(fit.shortened).toBe(true);
    expect(`${fit.name}.docx`.length).toBe(120);
    expect(fit.name).toMatch(/^delaftale-x+-[0-9a-f]{6}-v1\.0$/);
  });

  it('a 300-character indsats: validate warns at the field, build writes names of at most 120 characters', async () => {
    const dir = tempDir();
    const c = draft('1.0');
    c.indsats = 'Helhedsplan for boligområderne '.repeat(10).slice(0, 300);
    writeFileSync(join(dir, 'lang.json'), JSON.stringify(c, null, 2));
    const v = await runCli(['validate', 'lang.json'], { cwd: dir });
    expect(v.code, v.stderr + v.stdout).toBe(0);
    expect(v.stdout + v.stderr).toMatch(/lang\.json:\d+:\d+ {2}#\/indsats {2}advarsel {2}filnavn {2}filnavnene bliver for lange \(højst 120 tegn\), så delen fra "indsats" afkortes og får en kort kode, fx "delaftale-helhedsplan-for-[a-z-]+-[0-9a-f]{6}-v1\.0"; giv indsatsen et kortnavn/);
    const b = await runCli(['build', 'lang.json', ...XLSX, '--out', 'ud'], { cwd: dir });
    expect(b.code, b.stderr).toBe(0);
    const files = expectCompleteSet(join(dir, 'ud'));
    expect(files).toHaveLength(1);
    for (const f of files) expect(f.path.length, f.path).toBeLessThanOrEqual(120);
  }, 60_000);
});

describe('a write that fails', () => {
  it('exit 4 names the file and the Danish reason, and the folder keeps its previous set', async () => {
    const dir = tempDir();
    const out = join(dir, 'ud');
    writeFileSync(join(dir, 'a.json'), JSON.stringify(draft('1.0')));
    expect((await runCli(['build', join(dir, 'a.json'), ...XLSX, '--out', out])).code).toBe(0);
    // A second agreement whose spreadsheet's name is taken by a folder of the user's.
    const other = draft('1.0');
    other.indsats = 'Helhedsplan Nord';
    writeFileSync(join(dir, 'b.json'), JSON.stringify(other));
    const name = 'aktivitetsskemaer-helhedsplan-nord-tryghed-og-trivsel-v1.0.xlsx';
    mkdirSync(join(out, name));
    writeFileSync(join(out, name, 'noter.txt'), 'mine');
    const before = Object.fromEntries(readdirSync(out).filter((n) => n !== name).map((n) => [n, sha(join(out, n))]));
    const r = await runCli(['build', join(dir, 'b.json'), ...XLSX, '--out', 'ud'], { cwd: dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`delaftale: ud/${name} kunne ikke erstattes: er en mappe, ikke en fil.\nIntet blev skrevet; tidligere filer er uændrede.`);
    expect(Object.fromEntries(readdirSync(out).filter((n) => n !== name).map((n) => [n, sha(join(out, n))]))).toEqual(before);
    expect(readFileSync(join(out, name, 'noter.txt'), 'utf8')).toBe('mine');
  }, 60_000);
});
