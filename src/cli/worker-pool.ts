import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { EXIT } from '../diagnostics/exit-codes.js';
import type { RenderJob, RenderResult } from './render-job.js';

/** Old-generation heap per worker thread, in MB. */
export const WORKER_HEAP_MB = 256;

/** What a worker loads as soon as it starts, before it has a job (see render-worker.ts). */
export interface WarmUp {
  pdf: boolean;
  docx: boolean;
}

export interface WorkerPool {
  /** Runs the jobs, each worker taking the next when it finishes one; results in input order. */
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
 */
export function startWorkers(size: number, warm: WarmUp): WorkerPool {
  const url = new URL('./render-worker.js', import.meta.url);
  // The old-generation cap makes V8 collect before a worker's heap balloons: a batch of 50
  // peaked at 1.1 GB without it and 0.5 GB with it (bench/). A 38-page agreement (the
  // schema's longest problem statement) needs well under it.
  const spawn = (): Worker => new Worker(url, { workerData: warm, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  const workers = Array.from({ length: Math.max(1, Math.min(size, availableParallelism())) }, spawn);
  const crashed = (job: RenderJob, reason: string): RenderResult => ({
    name: job.name, files: [], milliseconds: 0, failed: EXIT.intern,
    diagnostics: [{ file: job.name, severity: 'fejl', rule: 'intern', message: `intern fejl under dannelsen: ${reason}` }],
  });

  const run = async (jobs: RenderJob[], onDone: (r: RenderResult, index: number) => void): Promise<RenderResult[]> => {
    const results: RenderResult[] = new Array(jobs.length);
    let next = 0;
    await Promise.all(workers.map(async (_, slot) => {
      while (next < jobs.length) {
        const id = next++;
        const job = jobs[id]!;
        const worker = workers[slot]!;
        const reply = await new Promise<{ result?: RenderResult; crash?: string }>((resolve) => {
          const onMessage = (m: { id: number; result?: RenderResult; crash?: string }) => {
            if (m.id !== id) return;
            worker.off('error', onError);
            worker.off('message', onMessage);
            resolve(m);
          };
          const onError = (e: Error) => {
            worker.off('message', onMessage);
            resolve({ crash: e.message });
          };
          worker.on('message', onMessage);
          worker.once('error', onError);
          worker.postMessage({ ...job, id });
        });
        if (reply.crash !== undefined && reply.result === undefined) {
          await worker.terminate();
          workers[slot] = spawn();
        }
        results[id] = reply.result ?? crashed(job, reply.crash ?? 'ukendt');
        onDone(results[id]!, id);
      }
    }));
    return results;
  };

  const close = async (): Promise<void> => {
    await Promise.all(workers.map((w) => w.terminate()));
  };
  return { run, close };
}

/** The parts of one agreement's build as one result; each part validated the same content, so its findings are kept once. */
function mergeResults(parts: RenderResult[]): RenderResult {
  const seen = new Set<string>();
  const diagnostics = parts.flatMap((p) => p.diagnostics).filter((d) => {
    const key = JSON.stringify(d);
    return !seen.has(key) && Boolean(seen.add(key));
  });
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
 * One agreement, already validated, with each of its documents (agreement, activity
 * sheets) on its own worker: the PDF layout is the slow part, and a worker that always
 * gets the same document keeps its caches (outputs.ts, render/pdf) relevant in `watch`.
 */
export async function renderByDocument(pool: WorkerPool, job: RenderJob): Promise<RenderResult> {
  const parts = await pool.run(job.options.documents.map((d) => ({ ...job, options: { ...job.options, documents: [d] } })), () => {});
  return mergeResults(parts);
}
