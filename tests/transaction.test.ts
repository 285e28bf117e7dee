import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, seed, tempDir } from './helpers.js';

/**
 * The output folder as a transaction (src/cli/swap.ts): killed at any moment, --out holds
 * the old set or the new one. The fault hook (DELAFTALE_FAULT_AT=N, src/cli/fs-steps.ts)
 * kills the process with SIGKILL just before its N-th file-system step; the sweep runs N
 * from 1 until a run gets through, so every step is a crash point once.
 */

const SCRIPT = join(ROOT, 'tests/fixtures/transaction/write-set.mjs');
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

interface Spec { path: string; text: string }
interface Exit { code: number | null; signal: string | null; stdout: string; stderr: string }

/** The transaction alone, in a process of its own (100 ms instead of a build's seconds). */
function writeSet(dir: string, files: Spec[], env: Record<string, string> = {}): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, dir, JSON.stringify(files)], { env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, signal: err?.signal ?? null, stdout, stderr });
    });
  });
}

/** What a user sees in the folder: the outputs and the manifest's text (hidden entries separately). */
function state(dir: string): { visible: Record<string, string>; hidden: string[] } {
  const names = readdirSync(dir).sort();
  return {
    visible: Object.fromEntries(names.filter((n) => !n.startsWith('.')).map((n) => [n, sha(readFileSync(join(dir, n)))])),
    hidden: names.filter((n) => n.startsWith('.')),
  };
}

/** A manifest.json at the top is true of the files beside it, at every instant. */
function expectManifestTrue(dir: string, label: string): void {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return;
  const m = JSON.parse(readFileSync(path, 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
  for (const f of m.files) {
    expect(existsSync(join(dir, f.path)), `${label}: ${f.path} listed but missing`).toBe(true);
    expect(sha(readFileSync(join(dir, f.path))), `${label}: ${f.path}`).toBe(f.sha256);
  }
}

const OLD: Spec[] = [{ path: 'a.pdf', text: 'gammel a' }, { path: 'b.docx', text: 'gammel b' }, { path: 'c.xlsx', text: 'gammel c' }];
/** Two files replaced, one new, one (c.xlsx) kept and still listed. */
const NEW: Spec[] = [{ path: 'a.pdf', text: 'ny a' }, { path: 'b.docx', text: 'ny b' }, { path: 'd.pdf', text: 'ny d' }];

async function oldAndNew(): Promise<{ old: ReturnType<typeof state>['visible']; next: ReturnType<typeof state>['visible'] }> {
  const a = tempDir();
  expect((await writeSet(a, OLD)).code).toBe(0);
  const old = state(a).visible;
  expect((await writeSet(a, NEW)).code).toBe(0);
  const after = state(a);
  expect(after.hidden).toEqual([]);
  return { old, next: after.visible };
}

describe('the output folder as a transaction', () => {
  it('a crash (SIGKILL) before any file-system step leaves the old set or the new one, and the next start tidies up', async () => {
    const { old, next } = await oldAndNew();
    const outcomes = new Set<string>();
    let n = 1;
    for (; n < 200; n++) {
      const dir = tempDir();
      await writeSet(dir, OLD);
      const r = await writeSet(dir, NEW, { DELAFTALE_FAULT_AT: String(n) });
      if (r.code === 0) break;
      expect(r.signal, `step ${n}: ${r.stderr}`).toBe('SIGKILL');
      expectManifestTrue(dir, `step ${n}, right after the crash`);
      // The next start (here: a write of no files) finishes or undoes the swap before anything else.
      expect((await writeSet(dir, [])).code, `step ${n}`).toBe(0);
      const after = state(dir);
      expect(after.hidden, `step ${n}: left behind`).toEqual([]);
      const which = JSON.stringify(after.visible) === JSON.stringify(old) ? 'old' : JSON.stringify(after.visible) === JSON.stringify(next) ? 'new' : 'mixed';
      expect(which, `step ${n}: ${JSON.stringify(after.visible)}`).not.toBe('mixed');
      outcomes.add(which);
      rmSync(dir, { recursive: true, force: true });
    }
    // Every step was a crash point once: lock, staging folder, each file, the swap's renames, the commit.
    expect(n).toBeGreaterThan(15);
    expect(n).toBeLessThan(200);
    expect([...outcomes].sort()).toEqual(['new', 'old']);
  }, 120_000);

  it('a failing file-system step (EIO) leaves the old set, says which file, and takes nothing half-written along', async () => {
    const { old, next } = await oldAndNew();
    let n = 1;
    for (; n < 200; n++) {
      const dir = tempDir();
      await writeSet(dir, OLD);
      const r = await writeSet(dir, NEW, { DELAFTALE_FAULT_AT: String(n), DELAFTALE_FAULT_MODE: 'throw' });
      const taken = Number(/(\d+) trin/.exec(r.stdout)?.[1] ?? Infinity);
      if (r.code === 0 && taken < n) break;
      if (r.code === 0) {
        // The fault came after the commit (the old files' removal): the new set stands.
        expect(state(dir).visible, `step ${n}`).toEqual(next);
      } else {
        expect(r.code, `step ${n}: ${r.stderr}`).toBe(4);
        expect(r.stderr, `step ${n}`).toMatch(/^ud(\/[a-z.-]+)? kunne ikke (skrives|erstattes): læse- eller skrivefejl på disken\.\nIntet blev skrevet; tidligere filer er uændrede\.\n$/);
        expect(state(dir).visible, `step ${n}`).toEqual(old);
        // The lock is released and the staging folder removed at once; a stale one is never left.
        expect(state(dir).hidden.filter((h) => h !== '.delaftale-lock'), `step ${n}`).toEqual([]);
      }
      expect((await writeSet(dir, [])).code).toBe(0);
      expect(state(dir).hidden, `step ${n}`).toEqual([]);
      rmSync(dir, { recursive: true, force: true });
    }
    expect(n).toBeGreaterThan(15);
    expect(n).toBeLessThan(200);
  }, 120_000);
});

describe('delaftale build, killed', () => {
  const draft = () => {
    const c = seed();
    delete c.revision.godkendt;
    return c;
  };
  const files = async () => {
    const dir = tempDir();
    const a = draft();
    const b = draft();
    b.aktiviteter[0]!.navn = 'Sociale tryghedsvandringer i hele området';
    writeFileSync(join(dir, 'a.json'), JSON.stringify(a));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(b));
    const ref = join(dir, 'ref');
    expect((await runCli(['build', join(dir, 'a.json'), '--format', 'xlsx', '--out', ref])).code).toBe(0);
    const old = state(ref).visible;
    const refNew = join(dir, 'ref-ny');
    cpSync(ref, refNew, { recursive: true });
    expect((await runCli(['build', join(dir, 'b.json'), '--format', 'xlsx', '--out', refNew])).code).toBe(0);
    return { dir, ref, old, next: state(refNew).visible };
  };

  it('at every file-system step of a real build (the fault hook), the folder holds the old set or the new one', async () => {
    const { dir, ref, old, next } = await files();
    let n = 1;
    for (; n < 60; n++) {
      const out = join(dir, `ud-${n}`);
      cpSync(ref, out, { recursive: true });
      const r = await runCli(['build', join(dir, 'b.json'), '--format', 'xlsx', '--out', out], { env: { DELAFTALE_FAULT_AT: String(n) } });
      if (r.code === 0) break;
      expectManifestTrue(out, `step ${n}`);
      expect((await writeSet(out, [])).code).toBe(0);
      const after = state(out);
      expect(after.hidden).toEqual([]);
      expect([JSON.stringify(old), JSON.stringify(next)], `step ${n}`).toContain(JSON.stringify(after.visible));
    }
    expect(n).toBeGreaterThan(10);
  }, 180_000);

  it('kill -9 at a sweep of moments during a full build leaves the old set or the new one', async () => {
    const { dir, ref, old } = await files();
    // The complete new set with PDF and DOCX, for comparison.
    const refAll = join(dir, 'ref-alle');
    cpSync(ref, refAll, { recursive: true });
    expect((await runCli(['build', join(dir, 'b.json'), '--format', 'docx', 'xlsx', '--out', refAll])).code).toBe(0);
    const next = state(refAll).visible;
    const seen = new Set<string>();
    for (const ms of [200, 700, 1200, 1800, 2500, 3200, 4000, 6000]) {
      const out = join(dir, `kill-${ms}`);
      cpSync(ref, out, { recursive: true });
      const child = spawn(process.execPath, [BIN, 'build', join(dir, 'b.json'), '--format', 'docx', 'xlsx', '--out', out], { stdio: 'ignore', env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
      const exited = new Promise<void>((r) => child.on('exit', () => r()));
      await new Promise((r) => setTimeout(r, ms));
      child.kill('SIGKILL');
      await exited;
      expectManifestTrue(out, `${ms} ms`);
      expect((await writeSet(out, [])).code).toBe(0);
      const after = state(out);
      expect(after.hidden, `${ms} ms`).toEqual([]);
      const which = JSON.stringify(after.visible) === JSON.stringify(old) ? 'old' : JSON.stringify(after.visible) === JSON.stringify(next) ? 'new' : 'mixed';
      expect(which, `${ms} ms: ${Object.keys(after.visible).join(', ')}`).not.toBe('mixed');
      seen.add(which);
    }
    expect(seen.has('old')).toBe(true);
  }, 240_000);
});
