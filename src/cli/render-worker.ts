import { parentPort, workerData } from 'node:worker_threads';
import { renderJob, type RenderJob } from './render-job.js';
import type { Format } from '../formats.js';

/**
 * A build's worker thread: renders agreements one after another, keeping its renderers
 * (react-pdf, fonts, docx) and their caches loaded between them.
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

// Load the renderers and parse the fonts now, while the main thread validates the content.
// A failure here is not reported: the same import fails again inside the job, which reports it.
const formats = (workerData ?? []) as readonly Format[];
if (formats.includes('pdf')) void import('../render/pdf/fonts.js').then((m) => m.loadFonts()).then(() => import('../render/pdf/to-pdf.js')).catch(() => {});
if (formats.includes('docx')) void import('../render/docx/to-docx.js').catch(() => {});
