import { createHash, randomBytes } from 'node:crypto';
import { chmod, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { loadJson } from '../content/load.js';
import type { Delaftale } from '../content/types.js';
import { validateBytes, type Source, type Validated } from '../content/validate.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fsProblem } from '../cli/fs-problem.js';
import { move, writeNew } from '../cli/fs-steps.js';
import { readInput, readPlanFor, type Input } from '../cli/inputs.js';
import type { Problem } from './api.js';
import { applyValue } from './text-edits.js';

/**
 * The one content file an edit session works on: its text as loaded (what every edit is
 * applied to), the checks `validate` runs, and saving. Saving edits the loaded text (so the
 * file keeps its layout), refuses when the file changed on disk since it was loaded, and
 * never writes over an approved version.
 */

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** Why a save was refused; the HTTP layer turns it into 409 (or 400). */
export class SaveRefused extends Error {
  constructor(readonly reason: 'changed-on-disk' | 'approved' | 'not-json', message: string) {
    super(message);
  }
}

interface Loaded {
  bytes: Uint8Array;
  hash: string;
  /** Decoded, without a BOM (kept in `bom` and written back). */
  text: string;
  bom: boolean;
  /** The JSON value, or undefined when the file is not JSON (then `problems` say why). */
  value: unknown;
  problems: Diagnostic[];
}

export interface SessionOptions {
  /** A secretariat's own template folder (--skabelon), absolute. */
  skabelon?: string;
}

export class Session {
  private loaded!: Loaded;
  /** The plan file(s) the agreement names, read once per load (key: the name in `plan`). */
  private plans = new Map<string, Source | Diagnostic | undefined>();
  /** The last validation, by the SHA-256 of the bytes: check, preview and save of the same value validate once. */
  private lastCheck?: { hash: string; validated: Promise<Validated> };
  /** The last approved version seen in this session: what the change report compares with. */
  approvedBase?: Delaftale;

  private constructor(readonly input: Input, private readonly options: SessionOptions) {}

  static async open(input: Input, options: SessionOptions = {}): Promise<Session | Diagnostic> {
    const session = new Session(input, options);
    const problem = await session.load();
    return problem ?? session;
  }

  /** Reads the file (again). Returns a problem only when it cannot be read at all. */
  async load(): Promise<Diagnostic | undefined> {
    const bytes = await readInput(this.input);
    if (!(bytes instanceof Uint8Array)) return bytes;
    const parsed = loadJson(bytes, this.input.name);
    const bom = bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
    const text = parsed.ok ? parsed.loaded.text : new TextDecoder().decode(bytes);
    this.loaded = { bytes, hash: sha256(bytes), text, bom, value: parsed.ok ? parsed.loaded.value : undefined, problems: parsed.ok ? [] : parsed.diagnostics };
    this.plans.clear();
    this.lastCheck = undefined;
    if (this.approved) {
      const { content } = await this.validate(bytes);
      if (content) this.approvedBase = content;
    }
    return undefined;
  }

  get hash(): string {
    return this.loaded.hash;
  }

  get text(): string {
    return this.loaded.text;
  }

  /** The value as loaded, or null when the file is not JSON. */
  get value(): unknown {
    return this.loaded.value ?? null;
  }

  /** Whether the file as loaded is an approved version (revision.godkendt present). */
  get approved(): boolean {
    return revisionOf(this.loaded.value)?.godkendt !== undefined;
  }

  /** The file's text with `value` applied as edits; throws SaveRefused when the file is not JSON (nothing to edit). */
  textFor(value: unknown): string {
    if (this.loaded.value === undefined) {
      throw new SaveRefused('not-json', `${this.input.name} er ikke gyldig JSON, så formularen kan ikke rette i den; ret fejlen i en teksteditor, og indlæs filen igen.`);
    }
    return applyValue(this.loaded.text, this.loaded.value, value);
  }

  bytesFor(text: string): Uint8Array {
    const body = new TextEncoder().encode(text);
    if (!this.loaded.bom) return body;
    const out = new Uint8Array(BOM.length + body.length);
    out.set(BOM);
    out.set(body, BOM.length);
    return out;
  }

  /** As `validate` checks a file: schema, rules, with its plan and template. Bytes validated last time are not validated again. */
  async validate(bytes: Uint8Array): Promise<Validated & { hash: string }> {
    const hash = sha256(bytes);
    // The promise is kept, not the result: the form sends check and preview of a value at once.
    if (this.lastCheck?.hash !== hash) {
      const validated = this.planFor(bytes).then((plan) => validateBytes(bytes, this.input.name, { plan, egenSkabelon: this.options.skabelon }));
      this.lastCheck = { hash, validated };
    }
    return { ...(await this.lastCheck.validated), hash };
  }

  /** The plan the bytes name, read once per name and load (reload reads it again). */
  async planFor(bytes: Uint8Array): Promise<Source | Diagnostic | undefined> {
    const name = planName(bytes);
    if (name === undefined) return undefined;
    if (!this.plans.has(name)) this.plans.set(name, await readPlanFor(this.input, bytes));
    return this.plans.get(name);
  }

  /** The problems of the file as loaded. */
  async problems(): Promise<Problem[]> {
    if (this.loaded.value === undefined) return this.loaded.problems.map((d) => toProblem(d, this.input.name));
    return (await this.validate(this.loaded.bytes)).diagnostics.map((d) => toProblem(d, this.input.name));
  }

  /** The ids the user may choose from: the file's and its plan's persons and organisations. */
  async lists(): Promise<{ personer: string[]; organisationer: string[] }> {
    const plan = await this.planFor(this.loaded.bytes);
    const planValue = plan && 'bytes' in plan ? (() => {
      const p = loadJson(plan.bytes, plan.file);
      return p.ok ? p.loaded.value : undefined;
    })() : undefined;
    const ids = (key: string) => [...new Set([...keysOf(planValue, key), ...keysOf(this.loaded.value, key)])];
    return { personer: ids('personer'), organisationer: ids('organisationer') };
  }

  /**
   * Writes `value` as edits of the loaded text, atomically (a temporary file in the same
   * folder, renamed over the file). Refused when the file on disk is not the one loaded
   * (or the form's hash is stale), and when the file is an approved version and the value
   * is still that version. A value with problems is saved: a draft need not be valid.
   */
  async save(value: unknown, hash: string): Promise<{ hash: string; text: string }> {
    const onDisk = await readInput(this.input);
    const diskHash = onDisk instanceof Uint8Array ? sha256(onDisk) : undefined;
    if (hash !== this.loaded.hash || diskHash !== this.loaded.hash) {
      const why = diskHash === undefined ? `${this.input.name} kan ikke længere læses (${(onDisk as Diagnostic).message})` : `${this.input.name} er ændret på disken, siden formularen indlæste den`;
      throw new SaveRefused('changed-on-disk', `${why}. Intet blev gemt. Indlæs filen igen for at se den, som den er nu.`);
    }
    const text = this.textFor(value);
    if (text === this.loaded.text) return { hash: this.loaded.hash, text };
    const approved = revisionOf(this.loaded.value);
    if (approved?.godkendt !== undefined && revisionOf(value)?.version === approved.version) {
      throw new SaveRefused('approved', `Version ${approved.version} er godkendt (${approved.godkendt.dato} af ${approved.godkendt.af}) og kan ikke ændres. Start næste version: den får et nyt nummer, dagens dato og en linje i historikken.`);
    }
    const bytes = this.bytesFor(text);
    await writeAtomically(this.input.path, bytes);
    const parsed = loadJson(bytes, this.input.name);
    this.loaded = { bytes, hash: sha256(bytes), text, bom: this.loaded.bom, value: parsed.ok ? parsed.loaded.value : JSON.parse(text), problems: parsed.ok ? [] : parsed.diagnostics };
    return { hash: this.loaded.hash, text };
  }
}

/**
 * The next version of an approved one, not saved: the last part of the version number
 * one up ("1.0" → "1.1"), today's date, no approval, no summary (it described the old
 * version), and the approved version as the last line of the history (oldest first).
 */
export function nextVersion(value: unknown, today = new Date().toISOString().slice(0, 10)): unknown {
  const revision = revisionOf(value);
  if (!revision || typeof revision.version !== 'string' || !/^\d+(\.\d+)*$/.test(revision.version)) {
    throw new Error('revision.version skal være et versionsnummer som "1.0", før næste version kan startes');
  }
  const parts = revision.version.split('.');
  parts[parts.length - 1] = String(Number(parts.at(-1)) + 1);
  const { godkendt, resume, historik } = revision;
  const line = { version: revision.version, dato: revision.dato, ...(godkendt !== undefined ? { godkendt } : {}), ...(resume !== undefined ? { resume } : {}) };
  const next = { version: parts.join('.'), dato: today, historik: [...(Array.isArray(historik) ? historik : []), line] };
  return { ...(value as object), revision: next };
}

interface RevisionLike { version?: unknown; dato?: unknown; godkendt?: { dato?: unknown; af?: unknown }; resume?: unknown; historik?: unknown }

function revisionOf(value: unknown): RevisionLike | undefined {
  const r = (value as { revision?: unknown } | null | undefined)?.revision;
  return typeof r === 'object' && r !== null && !Array.isArray(r) ? (r as RevisionLike) : undefined;
}

function keysOf(value: unknown, key: string): string[] {
  const v = (value as Record<string, unknown> | null | undefined)?.[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : [];
}

function planName(bytes: Uint8Array): string | undefined {
  try {
    const plan = (JSON.parse(new TextDecoder().decode(bytes)) as { plan?: unknown } | null)?.plan;
    return typeof plan === 'string' ? plan : undefined;
  } catch {
    return undefined;
  }
}

export function toProblem(d: Diagnostic, file: string): Problem {
  return {
    pointer: d.pointer ?? '',
    message: d.message,
    severity: d.severity,
    rule: d.rule,
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.column !== undefined ? { column: d.column } : {}),
    ...(d.file !== undefined && d.file !== file ? { file: d.file } : {}),
  };
}

/**
 * The new bytes in a temporary file next to the old one (same file system, so the rename
 * is atomic), flushed to disk, with the old file's permissions, then renamed over it: a
 * reader or a crash sees the old file or the new one, never half of one. The steps are
 * the output folder's (cli/fs-steps.ts): an exclusive create that follows no planted link,
 * and counted steps that the fault-injection tests can stop at.
 */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = await stat(path).then((s) => s.mode & 0o7777, () => undefined);
  try {
    await writeNew(temp, bytes);
    if (mode !== undefined) await chmod(temp, mode);
    await move(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** A write that failed, in Danish. */
export function saveProblem(e: unknown, name: string): string {
  return `${name} kunne ikke gemmes: ${fsProblem(e)}. Filen er uændret.`;
}
