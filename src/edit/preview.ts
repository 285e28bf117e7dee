import type { Validated } from '../content/validate.js';
import type { RenderResult } from '../cli/render-job.js';
import { renderAgreement, type WorkerPool } from '../cli/worker-pool.js';
import type { Source } from '../content/validate.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * The live preview on `watch`'s warm render workers: only the PDFs, the agreement and the
 * activity sheets each on its own worker at once, and the newest request wins: while a
 * render runs, further requests wait in a single slot, and a newer one replaces (and
 * answers) the one waiting there, so typing never queues up renders of old text.
 * Everything that uses the workers goes through one lane (the pool runs one batch at a time).
 */

export type DocumentName = 'aftale' | 'aktivitetsskemaer';

export const DOCUMENTS: { name: DocumentName; kind: string; title: string }[] = [
  { name: 'aftale', kind: 'agreement-pdf', title: 'Aftalen' },
  { name: 'aktivitetsskemaer', kind: 'portal-pdf', title: 'Aktivitetsskemaer' },
];

export interface PreviewJob {
  bytes: Uint8Array;
  /** SHA-256 of the bytes: the same bytes as the last render are not rendered again. */
  hash: string;
  name: string;
  plan: Source | Diagnostic | undefined;
  validated: Validated;
  skabelon?: string;
}

export type PreviewOutcome =
  | { superseded: true }
  | { version: number | null; result?: RenderResult; ms: number };

export class Preview {
  /** The last good PDFs, by document name, and their version. */
  readonly pdfs = new Map<string, Uint8Array>();
  version = 0;
  private renderedHash?: string;
  private waiting?: { job: PreviewJob; answer: (o: PreviewOutcome) => void };
  private draining = false;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly pool: WorkerPool) {}

  /** Runs `work` when the workers are free (after what is already waiting for them). */
  lane<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => {});
    return run;
  }

  /** A render of valid content; content with errors is answered at once, keeping the last good PDFs. */
  request(job: PreviewJob): Promise<PreviewOutcome> {
    return new Promise((answer) => {
      this.waiting?.answer({ superseded: true });
      this.waiting = { job, answer };
      if (!this.draining) void this.drain();
    });
  }

  /** A newer value with errors came in: the render waiting is no longer what the user has. */
  dropWaiting(): void {
    this.waiting?.answer({ superseded: true });
    this.waiting = undefined;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting) {
        const { job, answer } = this.waiting;
        this.waiting = undefined;
        const started = performance.now();
        try {
          const result = await this.lane(() => this.render(job));
          answer({ ...result, ms: Math.round(performance.now() - started) });
        } catch (e) {
          answer({
            version: null, ms: 0,
            result: { name: job.name, files: [], milliseconds: 0, diagnostics: [{ severity: 'fejl', rule: 'intern', message: `intern fejl under forhåndsvisningen: ${(e as Error).message}` }] },
          });
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async render(job: PreviewJob): Promise<{ version: number | null; result?: RenderResult }> {
    if (job.hash === this.renderedHash) return { version: this.version };
    const result = await renderAgreement({
      bytes: job.bytes, name: job.name, strict: false, plan: job.plan, validated: job.validated,
      options: { formats: ['pdf'], documents: ['agreement', 'portal'], sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, skabelon: job.skabelon },
    }, this.pool);
    if (result.failed !== undefined) return { version: null, result };
    for (const d of DOCUMENTS) {
      const file = result.files.find((f) => f.kind === d.kind);
      if (file) this.pdfs.set(d.name, file.bytes);
    }
    this.renderedHash = job.hash;
    this.version += 1;
    return { version: this.version, result };
  }
}
