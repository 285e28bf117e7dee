import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { error } from '../diagnostics/diagnostic.js';
import { EXIT, type ExitCode } from '../diagnostics/exit-codes.js';
import type { Source, Validated } from '../content/validate.js';
import { NoTemplateError } from '../generate.js';
import { buildOutputs, type OutputOptions } from '../outputs.js';
import { TemplateError } from '../template/errors.js';
import type { WritableFile } from './manifest.js';

/**
 * One agreement from bytes to files in memory: validate, pick activities, render.
 * The same function runs in the CLI process for a single agreement and inside the
 * worker threads of a batch build, so both paths behave alike.
 */
export interface RenderJob {
  bytes: Uint8Array;
  name: string;
  options: Omit<OutputOptions, 'only'>;
  strict: boolean;
  /** `portal --activity`: a name or a 1-based number. */
  activity?: string;
  /** The plan file the agreement names, read by the caller (cli/inputs.ts readPlanFor). */
  plan?: Source | Diagnostic;
  /** The result of validating `bytes`, when the caller already has it (not validated again). */
  validated?: Validated;
}

/** A job's content validated as every command validates it: with its plan and template. Imported only when needed. */
export async function validateJob(job: RenderJob): Promise<Validated> {
  return job.validated ?? (await import('../content/validate.js')).validateBytes(job.bytes, job.name, { plan: job.plan, egenSkabelon: job.options.skabelon });
}

export interface RenderResult {
  name: string;
  diagnostics: Diagnostic[];
  /** With the version they belong to, for the manifest and the overwrite guard. */
  files: WritableFile[];
  /** Set when the agreement could not be built; its files are then empty. */
  failed?: ExitCode;
  milliseconds: number;
}

export async function renderJob(job: RenderJob): Promise<RenderResult> {
  const started = performance.now();
  const done = (r: Omit<RenderResult, 'name' | 'milliseconds'>): RenderResult => ({ name: job.name, milliseconds: performance.now() - started, ...r });
  // A worker handed validated content never loads ajv.
  const validated = await validateJob(job);
  const { content } = validated;
  const diagnostics = [...validated.diagnostics];
  if (!content || (job.strict && diagnostics.length > 0)) return done({ diagnostics, files: [], failed: EXIT.indhold });

  let only: number[] | undefined;
  if (job.activity !== undefined) {
    const index = findActivity(content.aktiviteter.map((a) => a.navn), job.activity);
    if (index === undefined) {
      const list = content.aktiviteter.map((a, i) => `${i + 1}. ${a.navn}`).join(', ');
      diagnostics.push(error('aktivitet', `ingen aktivitet hedder eller har nummer "${job.activity}"; der er ${content.aktiviteter.length}: ${list}`, { file: job.name, pointer: '/aktiviteter' }));
      return done({ diagnostics, files: [], failed: EXIT.brug });
    }
    only = [index];
  }
  try {
    const out = await buildOutputs(content, { ...job.options, only });
    const warnings = await placeWarnings(out.warnings, job.bytes, job.name);
    const all = [...diagnostics, ...warnings];
    if (job.strict && warnings.length > 0) return done({ diagnostics: all, files: [], failed: EXIT.indhold });
    const revision = { version: content.revision.version, approved: content.revision.godkendt !== undefined };
    return done({ diagnostics: all, files: out.files.map((f) => ({ ...f, ...revision, provenance: out.provenance })) });
  } catch (e) {
    const problem = templateProblem(e, job.name);
    if (!problem) throw e;
    return done({ diagnostics: [...diagnostics, problem], files: [], failed: EXIT.indhold });
  }
}

/** A template that cannot be used, as the user's problem: a fault in a .hbs file at its line:column, or no template for the period. */
export function templateProblem(e: unknown, file: string): Diagnostic | undefined {
  if (e instanceof TemplateError) return error('skabelon', e.message, { file: e.file, line: e.line, column: e.column });
  if (e instanceof NoTemplateError) return error('skabelon', e.message, { file, pointer: '/periode' });
  return undefined;
}

/** "3" → the third activity; otherwise a name, exact or case-insensitive. */
function findActivity(names: string[], wanted: string): number | undefined {
  if (/^\d+$/.test(wanted)) {
    const n = Number(wanted);
    return n >= 1 && n <= names.length ? n - 1 : undefined;
  }
  const exact = names.indexOf(wanted);
  if (exact >= 0) return exact;
  const loose = names.findIndex((n) => n.toLowerCase() === wanted.trim().toLowerCase());
  return loose >= 0 ? loose : undefined;
}

/**
 * A renderer's warnings about content carry the field's pointer and the character's
 * offset in it; the file is parsed again (only when there are any) for their line:column.
 */
async function placeWarnings(warnings: Diagnostic[], bytes: Uint8Array, file: string): Promise<Diagnostic[]> {
  if (!warnings.some((w) => w.pointer !== undefined)) return warnings.map((w) => ({ ...w, file }));
  const [{ loadJson }, { place }] = await Promise.all([import('../content/load.js'), import('../content/locate.js')]);
  const loaded = loadJson(bytes, file);
  return warnings.map((w) => ({ ...w, file, ...(loaded.ok ? place(loaded.loaded.tree, loaded.loaded.text, w) : {}) }));
}
