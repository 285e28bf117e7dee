import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { EXIT } from '../diagnostics/exit-codes.js';
import { uniqueDiagnostics } from '../diagnostics/format.js';
import type { Format } from '../formats.js';
import type { RenderJob, RenderResult } from './render-job.js';

/** Old-generation heap per worker thread, in MB. */
export const WORKER_HEAP_MB = 256;

/**
 * Young generation per worker thread in a batch, in MB. V8's default lets each worker's
 * nursery grow to some tens of MB; in a batch that is resident memory on every thread.
 * Measured on 50 different agreements (bench/ row e, 2 threads): default 566 MB / 87 s,
 * 12 MB 514 MB / 83 s, 8 MB 521 MB / 86 s. watch and the editor's preview keep the default:
 * they render one agreement at a time and wait on its latency.
 */
export const BATCH_YOUNG_MB = 12;

export interface WorkerPool {
  /** Runs the jobs, each worker taking the next when it finishes one; results in input order. One run at a time. */
  run(jobs: RenderJob[], onDone: (r: RenderResult, index: number) => void): Promise<RenderResult[]>;
  /** Stops the workers (also when `run` was never called). */
  close(): Promise<void>;
}

/**
 * Starts `size` worker threads (at most one per core) at once, so that they load react-pdf,
 * docx and the fonts while the main thread still reads and validates the content: on a
 * cold build that loading is about a second per thread, and it now overlaps the ~0.5 s
 * of validation instead of following it.
 * A job whose worker crashes fails alone, and a fresh worker takes the remaining jobs.
 * `formats` are the outputs the jobs will render: the workers load those renderers first.
 * `batch`: many agreements one after the other (build of a folder), where memory counts more
 * than one render's latency (BATCH_YOUNG_MB).
 */
export function startWorkers(size: number, formats: readonly Format[], { batch = false } = {}): WorkerPool {
  // Beside this module: dist/cli/render-worker.js (tsc), dist/bundle/render-worker.cjs (the bundle).
  const url = new URL(`./render-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);
  interface Slot {
    worker: Worker;
    /** Set once the worker has stopped (crashed, ran out of memory, or was terminated). */
    dead?: string;
    /** Settles the job the worker is running, if any, when it stops. */
    onDeath?: (reason: string) => void;
  }
  // Listeners for the worker's whole life, not only while it runs a job: a worker that
  // fails while warming up or idle (watch) must not take the CLI down with it.
  const spawn = (): Slot => {
    // The old-generation cap makes V8 collect before a worker's heap balloons: a batch of
    // 50 peaked at 1.1 GB without it and 0.5 GB with it (bench/).
    // React's production build, as bin.ts sets for the CLI, also when the pool is started by
    // another program (the editor's live preview): the development build took about 5 % of a
    // warm render's CPU (self time in a profile), besides the garbage it makes.
    const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' };
    const slot: Slot = { worker: new Worker(url, { workerData: formats, env, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, ...(batch ? { maxYoungGenerationSizeMb: BATCH_YOUNG_MB } : {}) } }) };
    const die = (reason: string): void => {
      slot.dead ??= reason;
      slot.onDeath?.(slot.dead);
    };
    slot.worker.on('error', (e: Error & { code?: string }) => die(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? OUT_OF_MEMORY : e.message));
    slot.worker.on('exit', () => die('arbejdstråden stoppede uventet'));
    return slot;
  };
  const slots = Array.from({ length: Math.max(1, Math.min(size, availableParallelism())) }, spawn);
  // After close() no worker is started again and no further job is taken.
  let closed = false;
  const crashed = (job: RenderJob, reason: string): RenderResult => ({
    name: job.name, files: [], milliseconds: 0, failed: EXIT.intern,
    diagnostics: [{ file: job.name, severity: 'fejl', rule: 'intern', message: `intern fejl under dannelsen: ${reason}` }],
  });

  /** One job on one slot's worker (replaced first if it has stopped). */
  const runOn = async (index: number, job: RenderJob, id: number): Promise<{ result?: RenderResult; crash?: string }> => {
    if (slots[index]!.dead !== undefined) {
      if (closed) return { crash: 'afbrudt' };
      slots[index] = spawn();
    }
    const slot = slots[index]!;
    return new Promise((resolve) => {
      const onMessage = (m: { id: number; result?: RenderResult; crash?: string }) => {
        if (m.id !== id) return;
        slot.worker.off('message', onMessage);
        slot.onDeath = undefined;
        resolve(m);
      };
      slot.onDeath = (reason) => {
        slot.worker.off('message', onMessage);
        slot.onDeath = undefined;
        resolve({ crash: reason });
      };
      slot.worker.on('message', onMessage);
      slot.worker.postMessage({ ...job, id });
    });
  };

  const run = async (jobs: RenderJob[], onDone: (r: RenderResult, index: number) => void): Promise<RenderResult[]> => {
    const results: RenderResult[] = new Array(jobs.length);
    let next = 0;
    await Promise.all(slots.map(async (_, index) => {
      while (next < jobs.length && !closed) {
        const id = next++;
        const job = jobs[id]!;
        let reply = await runOn(index, job, id);
        // A worker that stopped takes only its own job down; that job gets one more try on
        // a fresh worker (its caches and heap were what filled up, not necessarily the job).
        if (reply.result === undefined && slots[index]!.dead !== undefined && !closed) reply = await runOn(index, job, id);
        results[id] = reply.result ?? crashed(job, reply.crash ?? 'ukendt');
        onDone(results[id]!, id);
      }
    }));
    return results;
  };

  const close = async (): Promise<void> => {
    closed = true;
    for (const slot of slots) slot.dead ??= 'lukket';
    await Promise.all(slots.map((s) => s.worker.terminate()));
  };
  return { run, close };
}

const OUT_OF_MEMORY = `arbejdstråden løb tør for hukommelse (grænse ${WORKER_HEAP_MB} MB)`;

/** The parts of one agreement's build as one result; each part validated the same content, so its findings are kept once. */
function mergeResults(parts: RenderResult[]): RenderResult {
  const diagnostics = uniqueDiagnostics(parts.flatMap((p) => p.diagnostics));
  const failed = parts.find((p) => p.failed !== undefined)?.failed;
  return {
    name: parts[0]!.name,
    diagnostics,
    files: failed === undefined ? parts.flatMap((p) => p.files) : [],
    ...(failed !== undefined ? { failed } : {}),
    milliseconds: Math.max(...parts.map((p) => p.milliseconds)),
  };
}

/**
 * One agreement, validated once here. Valid and with a pool: each of its documents
 * (agreement, activity sheets) on its own worker, then merged as one result (the PDF
 * layout is the slow part, and a worker that always gets the same document keeps its
 * caches relevant in `watch`). Otherwise the job runs in this thread, which reports the
 * problems without a round trip to the workers.
 */
export async function renderAgreement(job: RenderJob, pool: WorkerPool | undefined): Promise<RenderResult> {
  // Imported here, not at the top: build starts the workers before loading the validator.
  const { renderJob, validateJob } = await import('./render-job.js');
  const validated = await validateJob(job);
  if (validated.content && pool) {
    const parts = await pool.run(job.options.documents.map((d) => ({ ...job, validated, options: { ...job.options, documents: [d] } })), () => {});
    return mergeResults(parts);
  }
  return renderJob({ ...job, validated });
}
