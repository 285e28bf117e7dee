import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderJob, RenderResult } from './render-job.js';

/**
 * Runs render jobs on up to one worker thread per core, each worker taking the next
 * job when it finishes one; results come back in input order. A job that crashes
 * its worker fails alone.
 */
export async function renderAll(jobs: RenderJob[], onDone: (r: RenderResult, index: number) => void): Promise<RenderResult[]> {
  const size = Math.max(1, Math.min(availableParallelism(), jobs.length));
  const results: RenderResult[] = new Array(jobs.length);
  let next = 0;
  const url = new URL('./render-worker.js', import.meta.url);
  await Promise.all(Array.from({ length: size }, async () => {
    const worker = new Worker(url);
    try {
      while (next < jobs.length) {
        const id = next++;
        const job = jobs[id]!;
        const reply = await new Promise<{ result?: RenderResult; crash?: string }>((resolve, reject) => {
          const onMessage = (m: { id: number; result?: RenderResult; crash?: string }) => {
            if (m.id !== id) return;
            worker.off('message', onMessage);
            worker.off('error', reject);
            resolve(m);
          };
          worker.on('message', onMessage);
          worker.once('error', reject);
          worker.postMessage({ ...job, id });
        });
        results[id] = reply.result ?? {
          name: job.name, files: [], milliseconds: 0, failed: 70,
          diagnostics: [{ file: job.name, severity: 'fejl', rule: 'intern', message: `intern fejl under dannelsen: ${reply.crash}` }],
        };
        onDone(results[id]!, id);
      }
    } finally {
      await worker.terminate();
    }
  }));
  return results;
}
