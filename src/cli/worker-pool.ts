import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { EXIT } from '../diagnostics/exit-codes.js';
import type { RenderJob, RenderResult } from './render-job.js';

/**
 * Runs render jobs on up to one worker thread per core, each worker taking the next
 * job when it finishes one; results come back in input order. A job whose worker
 * crashes fails alone, and a fresh worker takes the remaining jobs.
 */
export async function renderAll(jobs: RenderJob[], onDone: (r: RenderResult, index: number) => void): Promise<RenderResult[]> {
  if (jobs.length === 0) return [];
  const size = Math.min(availableParallelism(), jobs.length);
  const results: RenderResult[] = new Array(jobs.length);
  let next = 0;
  const url = new URL('./render-worker.js', import.meta.url);
  const crashed = (job: RenderJob, reason: string): RenderResult => ({
    name: job.name, files: [], milliseconds: 0, failed: EXIT.intern,
    diagnostics: [{ file: job.name, severity: 'fejl', rule: 'intern', message: `intern fejl under dannelsen: ${reason}` }],
  });

  await Promise.all(Array.from({ length: size }, async () => {
    let worker = new Worker(url);
    try {
      while (next < jobs.length) {
        const id = next++;
        const job = jobs[id]!;
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
          worker = new Worker(url);
        }
        results[id] = reply.result ?? crashed(job, reply.crash ?? 'ukendt');
        onDone(results[id]!, id);
      }
    } finally {
      await worker.terminate();
    }
  }));
  return results;
}
