/**
 * Where each document's footnotes settled last time, so that re-rendering it after a small
 * edit (watch, the editor's live preview) can try that placement first: one layout instead
 * of the 3–5 of footnote settling (footnotes.tsx, 3.).
 *
 * Kept per document identity (the caller's key, e.g. "agreement:<file name>") in the
 * process, i.e. in each worker thread: the whole state of the layout that settled, so that
 * the warm layout is made exactly as that one was. A render that did not settle forgets
 * the document, so its next render starts cold. When a warm layout counts as the cold
 * one: to-pdf.tsx, `warmSettled`.
 */
import { LRUCache } from 'lru-cache';

export interface Settled {
  /** Footnote number → page, as the settled layout read it back (and printed it). */
  pages: ReadonlyMap<number, number>;
  /** Its deferred footnotes: the page keeping room for each, and how much (to-pdf.tsx, Pass). */
  deferred: ReadonlyMap<number, { page: number; area: number }>;
  /** Footnote number → height measured in a footnote area, and the area's overhead. */
  heights: ReadonlyMap<number, number>;
  overhead: number;
  /** Pages of the settled layout: what the footer's "af N" printed. */
  total: number;
}

/** A handful of documents: a watch or an editor works on one agreement (two documents) at a time. */
const MAX_DOCUMENTS = 16;

const settled = new LRUCache<string, Settled>({ max: MAX_DOCUMENTS });

export function lastSettled(key: string | undefined): Settled | undefined {
  return key === undefined ? undefined : settled.get(key);
}

export function rememberSettled(key: string | undefined, placement: Settled | undefined): void {
  if (key === undefined) return;
  if (placement === undefined) {
    settled.delete(key);
    return;
  }
  settled.set(key, {
    pages: new Map(placement.pages),
    deferred: new Map([...placement.deferred].map(([n, d]) => [n, { ...d }])),
    heights: new Map(placement.heights),
    overhead: placement.overhead,
    total: placement.total,
  });
}
