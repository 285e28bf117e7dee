import { parentPort } from 'node:worker_threads';
import { renderJob, type RenderJob } from './render-job.js';

/**
 * A batch build's worker thread: renders agreements one after another, keeping its
 * renderers (react-pdf, fonts, docx) loaded between them.
 */
parentPort?.on('message', async (job: RenderJob & { id: number }) => {
  try {
    const result = await renderJob(job);
    // Copied, not transferred: the worker may keep the same bytes for reuse (outputs.ts).
    parentPort!.postMessage({ id: job.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, crash: (e as Error).message });
  }
});
