import { normalize } from 'node:path';
import type { Delaftale } from '../content/types.js';
import { validatePlan } from '../content/validate.js';
import { warning } from '../diagnostics/diagnostic.js';
import { EXIT } from '../diagnostics/exit-codes.js';
import type { Format } from '../formats.js';
import type { Input } from './inputs.js';
import { templateProblem, validateJob, type RenderJob, type RenderResult } from './render-job.js';

/**
 * A plan file among a build's inputs (a plan folder): its strategisk samarbejdsaftale, from the
 * plan and the delaftaler of the same build that name it, whose budgets it lists. Built only
 * when every one of them is valid, so the budget it shows is whole.
 */
export async function samarbejdsaftaleJob(
  plan: { input: Input; bytes: Uint8Array },
  jobs: RenderJob[],
  o: { formats: readonly Format[]; skabelon?: string; sourceDateEpoch?: string },
): Promise<RenderResult> {
  const started = performance.now();
  const done = (r: Omit<RenderResult, 'name' | 'milliseconds'>): RenderResult => ({ name: plan.input.name, milliseconds: performance.now() - started, ...r });
  const checked = validatePlan({ bytes: plan.bytes, file: plan.input.name });
  if (!checked.plan) return done({ diagnostics: checked.diagnostics, files: [], failed: EXIT.indhold });

  const mine = jobs.filter((j) => j.plan !== undefined && 'bytes' in j.plan && normalize(j.plan.file) === normalize(plan.input.name));
  const contents: Delaftale[] = [];
  for (const job of mine) {
    const { content } = await validateJob(job);
    // The delaftale's own problems are reported with it; here it only keeps the samarbejdsaftale back.
    if (!content) return done({ diagnostics: [warning('samarbejdsaftale', `samarbejdsaftalen dannes ikke, fordi delaftalen ${job.name} har fejl`, { file: plan.input.name })], files: [] });
    contents.push(content);
  }
  if (contents.length === 0) {
    return done({ diagnostics: [warning('samarbejdsaftale', 'ingen delaftale blandt filerne henviser til planen, så samarbejdsaftalen dannes ikke; byg hele planens mappe', { file: plan.input.name })], files: [] });
  }
  try {
    const [{ prepareSamarbejdsaftale }, { buildSamarbejdsaftale }] = await Promise.all([import('../generate.js'), import('../outputs.js')]);
    const prepared = prepareSamarbejdsaftale(checked.plan, contents, { skabelon: o.skabelon, sourceDateEpoch: o.sourceDateEpoch });
    if (!prepared) return done({ diagnostics: [], files: [] });
    const out = await buildSamarbejdsaftale(prepared, o.formats);
    return done({ diagnostics: out.warnings.map((w) => ({ ...w, file: plan.input.name })), files: out.files });
  } catch (e) {
    const problem = templateProblem(e, plan.input.name);
    if (!problem) throw e;
    return done({ diagnostics: [problem], files: [], failed: EXIT.indhold });
  }
}
