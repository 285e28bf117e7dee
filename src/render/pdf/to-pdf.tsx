import { Fragment, type ReactElement, type ReactNode } from 'react';
import { Document, Font, Page, Text, View } from '@react-pdf/renderer';
import type { Definition, Nodes, Root } from 'mdast';
import { warning } from '../../diagnostics/diagnostic.js';
import type { RenderOptions, Rendered } from '../options.js';
import { loadFonts } from './fonts.js';
import { danishHyphenation } from './hyphenation.js';
import { installLineCache } from './line-cache.js';
import { layOut, mount, unmount, writeLaidOut } from './pdf-passes.js';
import { STAMP_KEY } from '../../revision/stamp.js';
import {
  FootnoteArea,
  MAX_PASSES,
  indexFootnotes,
  readLayout,
  sameAssignment,
  type FootnoteIndex,
  type LayoutReading,
} from './footnotes.js';
import { blocks, plainText, topLevel, warn, type Ctx, type Unit } from './handlers.js';
import { BODY_GAP, TEXT, styles } from './styles.js';
import { ARTIFACT } from './tagging.js';
import { lastSettled, rememberSettled, type Settled } from './warm-start.js';

export const PRODUCER = 'delaftale';

/** How often a remembered placement was taken and how often it fell back to the cold sequence (tests read it). */
export const warmStarts = { accepted: 0, rejected: 0 };

/**
 * Pages that react-pdf laid out in its second pagination round, the one that fills in "af N"
 * (its page template is then given totalPages); tests read it.
 */
export const totalsRoundPages = { count: 0 };

/** Top-level `::sideskift` splits the document into runs of block indices, each its own <Page>. */
function pageRuns(root: Root): number[][] {
  const runs: number[][] = [[]];
  root.children.forEach((node, i) => {
    if (node.type === 'leafDirective' && node.name === 'sideskift') runs.push([]);
    else runs[runs.length - 1]?.push(i);
  });
  return runs.filter((run, i) => i === 0 || run.length > 0);
}

function collectDefinitions(root: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  const visit = (node: Nodes): void => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(root);
  return definitions;
}

/**
 * react-pdf 4.9 writes the modification date under the key /ModificationDate; the PDF
 * key is /ModDate. Renamed in place, padded with spaces to the same length, so every
 * byte offset (xref) stays valid.
 */
function fixModDate(bytes: Uint8Array): Uint8Array {
  const from = Buffer.from('/ModificationDate ', 'latin1');
  const to = Buffer.from('/ModDate'.padEnd(from.length, ' '), 'latin1');
  const buffer = Buffer.from(bytes);
  const at = buffer.indexOf(from);
  if (at >= 0) to.copy(buffer, at);
  return new Uint8Array(buffer);
}

const pageLabel = (template: string, page: number, total: number | undefined): string =>
  template.replaceAll('{side}', String(page)).replaceAll('{sider}', total === undefined ? '' : String(total));

interface Pass {
  /** Footnote number → page it is printed on. */
  pages: Map<number, number>;
  /**
   * Footnotes deferred to the page after the one their reference would fit on
   * (footnotes.tsx, 4.): the page keeping room for them, and how much (the height of the
   * footnote area that pushed the reference off it).
   */
  deferred: Map<number, { page: number; area: number }>;
  /** Footnote number → height in a footnote area, and the area's own overhead (from earlier passes). */
  heights: Map<number, number>;
  overhead: number;
  /**
   * Pages of the previous layout. Known, the footer prints it and react-pdf skips its second
   * pagination round (which exists only to fill in the total; a sixth of a layout); a
   * layout is only written when this matched its real page count.
   */
  total?: number;
  /** The total the page template printed in the latest layout (react-pdf's own second round, or `total`). */
  printedTotal?: number;
  /** Page → the footnotes printed at its bottom (distributeNotes), set before each layout. */
  printed: Map<number, number[]>;
}

/** The footnotes assigned to a page, in number order. */
const notesOn = (pass: Pass, page: number): number[] =>
  [...pass.pages].filter(([, p]) => p === page).map(([n]) => n).sort((a, b) => a - b);

/**
 * The most of a page footnotes may take (points): three fifths of the flow region of an
 * A4 page, so a page always keeps room for the text that references them.
 */
export const NOTE_AREA_MAX = 430;

/** Where a page's flow region starts, from the page's top edge (the page template's frame sits in the page padding). */
const FLOW_TOP = Number(styles.page.paddingTop);

/**
 * Which footnotes each page prints. A page prints the notes assigned to it (and those
 * carried from the page before) while they fit in NOTE_AREA_MAX; the rest continue on
 * the next page, as Word continues footnotes. So 60 references in one paragraph fill
 * the bottoms of the pages that follow instead of leaving no room for any text.
 * Heights are those measured in earlier layouts, else `estimate` (generous, so a first
 * layout never overfills a page).
 */
export function distributeNotes(pass: Pick<Pass, 'pages' | 'heights' | 'overhead'>, estimate: (n: number) => number): Map<number, number[]> {
  const printed = new Map<number, number[]>();
  const last = Math.max(0, ...pass.pages.values());
  const queue: number[] = [];
  for (let page = 1; page <= last || queue.length > 0; page += 1) {
    queue.push(...notesOn(pass as Pass, page));
    let used = pass.overhead || 12;
    const here: number[] = [];
    while (queue.length > 0) {
      const height = pass.heights.get(queue[0]!) ?? estimate(queue[0]!);
      if (here.length > 0 && used + height > NOTE_AREA_MAX) break;
      used += height;
      here.push(queue.shift()!);
    }
    if (here.length > 0) printed.set(page, here);
  }
  return printed;
}

function buildDocument(
  runs: number[][],
  body: Unit[][],
  options: RenderOptions,
  footnoteBodies: Map<number, ReactNode>,
  pass: Pass,
): ReactElement {
  const { metadata, footer } = options;
  // Page template: the flow region, the footnotes of this page, the running footer.
  // Called by react-pdf per output page during pagination (no hooks allowed).
  const layout = ({ pageNumber = 1, totalPages, children }: { pageNumber?: number; totalPages?: number; children: ReactNode }): ReactNode => {
    pass.printedTotal = pass.total ?? totalPages;
    if (totalPages !== undefined) totalsRoundPages.count += 1;
    const notes = (pass.printed.get(pageNumber) ?? []).map((n) => ({ n, body: footnoteBodies.get(n) }));
    // Room kept for the footnotes deferred to the next page, so this page ends early.
    const printed = notes.length === 0 ? 0 : notes.reduce((sum, { n }) => sum + (pass.heights.get(n) ?? 0), pass.overhead);
    const pushing = [...pass.deferred.values()].filter((d) => d.page === pageNumber).map((d) => d.area);
    const reserved = Math.max(0, ...pushing.map((area) => area - printed));
    return (
      <View style={styles.frame}>
        <View style={styles.flow}>{children}</View>
        <FootnoteArea notes={notes} reserved={reserved} />
        <View style={styles.footer} {...ARTIFACT}>
          <Text style={styles.footerText}>{footer.text}</Text>
          <Text style={styles.footerPage}>{pageLabel(footer.pageLabel, pageNumber, pass.total ?? totalPages)}</Text>
        </View>
      </View>
    );
  };
  return (
    <Document
      title={metadata.title}
      author={metadata.author}
      subject={metadata.subject}
      keywords={metadata.keywords.join('; ')}
      language={metadata.language}
      creator={PRODUCER}
      producer={PRODUCER}
      creationDate={metadata.date}
      modificationDate={metadata.date}
      pdfVersion="1.7"
      conformance="PDF/A-2b"
      pageMode="useOutlines"
      {...(metadata.stamp !== undefined ? { [STAMP_KEY]: metadata.stamp } : {})}
    >
      {runs.map((run, i) => (
        <Page key={i} size="A4" style={styles.page} layout={layout} {...{ layoutReadsTotals: pass.total === undefined }}>
          {run.flatMap((index) => (body[index] ?? []).map((unit) => <Fragment key={unit.key}>{unit.node}</Fragment>))}
        </Page>
      ))}
    </Document>
  );
}

/**
 * A generous first guess of each footnote's height (points) before it was ever laid
 * out: its characters over 80 a line (a note line holds about 110) at the note size.
 */
function estimateNoteHeights(footnotes: FootnoteIndex): Map<number, number> {
  const line = TEXT.note.fontSize * TEXT.note.lineHeight;
  return new Map([...footnotes.definitions].map(([n, definition]) => {
    const blocks = Math.max(1, definition.children.length);
    const lines = definition.children.reduce((sum, block) => sum + Math.max(1, Math.ceil(plainText(block).length / 80)), 0);
    return [n, lines * line + blocks * 4];
  }));
}

/** What the first cold layout's footers print as "af N" (see toPdf); never written. */
const PROVISIONAL_TOTAL = 99;

const totalWarning = (): ReturnType<typeof warning> =>
  warning('pdf/sidetal', 'Sidetallet i sidefoden ("af N") kunne ikke gøres færdigt; kontrollér sidefoden.');

const samePrinted = (a: ReadonlyMap<number, number[]>, b: ReadonlyMap<number, number[]>): boolean =>
  a.size === b.size && [...a].every(([page, notes]) => b.get(page)?.join() === notes.join());

/**
 * A note's height, measured on two pages, differs by float noise (87.19999694824219 and
 * 87.19998931884766 points: yoga rounds by position); an edit that changes it changes it
 * by a line.
 */
const HEIGHT_NOISE = 0.01;

/**
 * Whether a layout made from a remembered settled state (warm-start.ts: pages, deferrals,
 * heights, overhead, page total) is the layout the cold sequence below ends with, so
 * that its bytes are a cold build's. The cold sequence writes the first layout whose
 * reading agrees with the state it was made from; a layout is a function of the document
 * and that state only. So the warm layout is the cold one when the cold sequence would
 * end in the same state, and this checks what of that can be checked from one layout:
 *
 * - It read back its own assignment, with the page total it printed (so every deferral
 *   holds: a deferred note is assigned the page after its room, where its reference now is).
 * - Every footnote measured the height the state carried (an edited, added or removed
 *   note changes some height or number: cold), and the same overhead, up to HEIGHT_NOISE.
 *   A note's height does not depend on its page (same width and style) beyond that noise,
 *   so these are the heights the cold sequence measures too. The layout itself is made
 *   with the carried heights, i.e. the ones a cold run measured first.
 * - The notes were distributed over the pages as the cold sequence's last layout would
 *   distribute them. That one used the measured heights, or the estimate of a note first
 *   printed in it (and overhead 12 before any was printed). distributeNotes is greedy: a
 *   page that takes the same notes with every height at its lower and at its upper bound
 *   takes them with any mix, so checking both bounds covers the cold one.
 *
 * What one layout cannot show is that the cold sequence, from its empty start, would end
 * in this state and not in another fixed point: with deferrals especially, where it defers
 * and the room it keeps (the area measured when the reference was pushed) depend on its
 * way there. What holds: the state is one a cold run of an earlier version of this document
 * settled in (carried from run to run only while every warm layout checks out as above),
 * its deferrals still hold, and no note height changed, so the areas the deferrals keep
 * were measured from the same notes. An edit that moves a reference across a page breaks the fixed point and goes
 * the cold way, and so does a warm layout that fails any check above (one layout lost).
 * tests/warm-start.test.ts compares warm and cold bytes for the seed (whose documents both
 * settle with deferrals), every fixture, and a set of edits that move references between
 * pages, deferred ones included.
 */
function warmSettled(
  pass: Pass,
  reading: LayoutReading,
  exact: boolean,
  start: Settled,
  footnotes: FootnoteIndex,
  estimate: (n: number) => number,
): boolean {
  if (!exact || !sameAssignment(reading.pages, pass.pages)) return false;
  const same = (a: number | undefined, b: number | undefined): boolean => a !== undefined && b !== undefined && Math.abs(a - b) < HEIGHT_NOISE;
  if (!same(reading.overhead, start.overhead)) return false;
  for (const n of footnotes.definitions.keys()) if (!same(reading.heights.get(n), start.heights.get(n))) return false;
  const bound = (pick: (a: number, b: number) => number) => distributeNotes(
    { pages: pass.pages, overhead: pick(start.overhead, 12), heights: new Map([...start.heights].map(([n, h]) => [n, pick(h, estimate(n))])) },
    estimate,
  );
  return samePrinted(bound(Math.min), pass.printed) && samePrinted(bound(Math.max), pass.printed);
}

export interface PdfOptions {
  /**
   * Who this document is across renders (e.g. "agreement:<file name>"): its last settled
   * footnote placement is tried first (warm-start.ts). Without it every render is cold.
   */
  placementKey?: string;
}

/**
 * The agreement as a PDF: A4, Noto Sans, Danish hyphenation, footnotes at the bottom of
 * the page that references them, running footer, outline, PDF/A-2b metadata.
 * Pure: the only I/O is reading the font files of the installed font package.
 * Deterministic: the same tree and options give the same bytes (with or without a
 * placementKey, and whatever was rendered under it before).
 */
export async function toPdf(tree: Root, options: RenderOptions, { placementKey }: PdfOptions = {}): Promise<Rendered> {
  await loadFonts();
  installLineCache();
  // This agreement's hyphenation (its people's names kept whole), for all its layouts.
  Font.registerHyphenationCallback(danishHyphenation(options.names));
  const warnings: Rendered['warnings'] = [];
  const footnotes: FootnoteIndex = indexFootnotes(tree);
  const ctx: Ctx = {
    warnings,
    footnotes,
    definitions: collectDefinitions(tree),
    inline: false,
    last: false,
    gap: BODY_GAP,
    text: TEXT.body,
  };
  for (const definition of footnotes.unreferenced) {
    warn(ctx, definition, 'pdf/fodnote-uden-henvisning', `Fodnote [^${definition.label ?? definition.identifier}] har ingen henvisning og vises ikke.`);
  }
  // Elements are built once (and warnings reported once); passes only change the page
  // template's footnotes and the room kept for deferred ones.
  const body = topLevel(tree.children, ctx);
  const noteCtx: Ctx = { ...ctx, gap: 2, text: TEXT.note };
  const footnoteBodies = new Map<number, ReactNode>();
  for (const [n, definition] of footnotes.definitions) footnoteBodies.set(n, blocks(definition.children, noteCtx, true));
  const runs = pageRuns(tree);

  const coldStart = (): Pass => ({ pages: new Map(), deferred: new Map(), heights: new Map(), overhead: 0, printed: new Map() });
  const pass: Pass = coldStart();
  const estimates = estimateNoteHeights(footnotes);
  const estimate = (n: number): number => estimates.get(n) ?? NOTE_AREA_MAX;
  // A document without footnotes settles in one layout anyway.
  const key = footnotes.definitions.size > 0 ? placementKey : undefined;
  // One layout per pass; the PDF is written once, from the layout that settled. Only what
  // readLayout extracts is kept from the other layouts.
  let reading = readLayout(undefined);
  const layoutPass = async () => {
    pass.printed = distributeNotes(pass, estimate);
    const mounted = mount(buildDocument(runs, body, options, footnoteBodies, pass));
    try {
      pass.printedTotal = undefined;
      let oversized = 0;
      const laidOut = await layOut(mounted, () => { oversized += 1; });
      reading = readLayout(laidOut, footnotes.fromBody);
      for (const [n, height] of reading.heights) if (!pass.heights.has(n)) pass.heights.set(n, height);
      if (reading.overhead !== undefined) pass.overhead = reading.overhead;
      // react-pdf's second round prints the first round's count, which it does not check either.
      const exact = pass.printedTotal === reading.pageCount;
      pass.total = reading.pageCount; // what the next layout prints
      return { mounted, laidOut, exact, oversized };
    } catch (e) {
      unmount(mounted);
      throw e;
    }
  };
  const write = async (laid: Awaited<ReturnType<typeof layoutPass>>): Promise<Uint8Array> => {
    if (laid.oversized > 0) {
      warnings.push(warning('pdf/for-hoej', `${laid.oversized === 1 ? 'En blok' : `${laid.oversized} blokke`} (fx en tabelrække eller en underskriftsrække) er højere end en side og står på en side for sig, hvor den nederste del skæres af; del teksten i flere rækker eller afsnit.`));
    }
    try {
      return fixModDate(await writeLaidOut(laid.mounted, laid.laidOut));
    } finally {
      unmount(laid.mounted);
    }
  };

  const start = lastSettled(key);
  // A note added or removed renumbers the notes after it: not worth a try.
  if (start !== undefined && start.heights.size === footnotes.definitions.size) {
    Object.assign(pass, {
      pages: new Map(start.pages),
      deferred: new Map([...start.deferred].map(([n, d]) => [n, { ...d }])),
      heights: new Map(start.heights),
      overhead: start.overhead,
      total: start.total,
    });
    const tried = await layoutPass();
    if (warmSettled(pass, reading, tried.exact, start, footnotes, estimate)) {
      warmStarts.accepted += 1;
      rememberSettled(key, { ...pass, total: reading.pageCount });
      return { bytes: await write(tried), warnings };
    }
    warmStarts.rejected += 1;
    unmount(tried.mounted);
    // Nothing of the tried layout may steer the cold sequence.
    Object.assign(pass, coldStart(), { total: undefined, printedTotal: undefined });
    reading = readLayout(undefined);
  }
  // Forgotten until the cold sequence settles.
  rememberSettled(key, undefined);
  // The first cold layout cannot settle when the body references a note (no note has a page
  // yet): it only finds where the references fall. So it prints a provisional page total
  // and react-pdf skips its second pagination round, which exists only to fill in "af N"; the
  // footer is one line whatever the number says, so the flow and the references' pages are
  // the same, and the next layout prints the count this one finds.
  if (footnotes.fromBody > 0) pass.total = PROVISIONAL_TOTAL;
  let laid = await layoutPass();
  const relayout = async (): Promise<void> => {
    unmount(laid.mounted);
    laid = await layoutPass();
  };
  // (assigned page → observed page) per footnote, to recognise oscillation.
  const history = new Map<number, Set<string>>();
  // Footnote → height of the footnote area of the page its reference was last pushed off.
  const pushedBy = new Map<number, number>();
  const areaOf = (page: number): number | undefined => {
    const heights = (pass.printed.get(page) ?? []).map((n) => pass.heights.get(n));
    return heights.some((h) => h === undefined) ? undefined : heights.reduce((sum: number, h) => sum + h!, pass.overhead);
  };
  for (let i = 1; i <= MAX_PASSES; i += 1) {
    const observed = reading.pages;
    if (sameAssignment(observed, pass.pages) && laid.exact) {
      // Only if every note was measured (a note pushed past the last page was not): the warm check compares all heights.
      if (pass.heights.size === footnotes.definitions.size) rememberSettled(key, { ...pass, total: reading.pageCount });
      return { bytes: await write(laid), warnings };
    }
    const next = new Map(observed);
    // A deferral holds while its reference stays on the page after the room kept for it.
    for (const [n, d] of pass.deferred) if (observed.get(n) !== d.page + 1) pass.deferred.delete(n);
    // One deferral per page per pass: references that oscillate together (say footnotes 1
    // and 2 between pages 1 and 2) usually settle once the first moves.
    const deferredFrom = new Set<number>();
    // The first page whose footnotes moved. Every page before it laid out as assigned, so
    // this page starts where it will start in the next layout too: a reference its own
    // page's footnotes pushed off it cannot come back by moving its footnote alone.
    const moved = [...observed].filter(([n, page]) => pass.pages.get(n) !== page);
    const firstMoved = Math.min(...moved.map(([n, page]) => Math.min(page, pass.pages.get(n) ?? page)));
    for (const [n, page] of [...observed].sort((a, b) => a[0] - b[0])) {
      const assigned = pass.pages.get(n);
      if (assigned === undefined || assigned === page) continue;
      const seen = history.get(n) ?? new Set<string>();
      // Pushed off the first page whose footnotes moved: that page starts where it will
      // start in the next layout, so the area measured there is the one that would push
      // it again.
      const stableStart = assigned === firstMoved && page === assigned + 1;
      const pushingArea = stableStart ? areaOf(assigned) : undefined;
      if (pushingArea !== undefined) pushedBy.set(n, pushingArea);
      // Its own page's footnotes surely pushed it when its line ends within their height
      // of the next page's top: defer at once. Deeper down, earlier text may have pushed it
      // (keeping room for its footnote would push it a page further), or the page's break
      // rules moved more than the area: wait until the oscillation is seen.
      const depth = (reading.depths.get(n) ?? Infinity) - FLOW_TOP;
      const surelyPushed = pushingArea !== undefined && depth <= pushingArea;
      // Its footnote on page p pushed the reference to p+1, and on p+1 it fits on p:
      // print the footnote on p+1 and end p early by the area that pushed it (footnotes.tsx, 4.).
      const earlier = Math.min(page, assigned);
      const area = pushedBy.get(n);
      if ((seen.has(`${page}>${assigned}`) || surelyPushed) && area !== undefined && !pass.deferred.has(n) && !deferredFrom.has(earlier)) {
        pass.deferred.set(n, { page: earlier, area });
        deferredFrom.add(earlier);
        // The body references after it on that page follow it to the next page (numbers
        // follow the text there; notes referenced only from other notes come last).
        for (const [m, p] of next) if (m >= n && m <= footnotes.fromBody && p === earlier) next.set(m, earlier + 1);
      }
      seen.add(`${assigned}>${page}`);
      history.set(n, seen);
    }
    pass.pages = next;
    await relayout();
  }
  // The passes ran out: lay out with the page total the last layout found (twice at most).
  for (let i = 0; i < 2 && !laid.exact; i += 1) await relayout();
  if (!laid.exact) warnings.push(totalWarning());
  const final = reading.pages;
  const bytes = await write(laid);
  const printedOn = new Map([...pass.printed].flatMap(([page, notes]) => notes.map((n) => [n, page] as const)));
  for (const n of footnotes.definitions.keys()) {
    const page = pass.pages.get(n);
    if ((printedOn.get(n) ?? 0) > reading.pageCount) {
      warnings.push(warning('pdf/fodnote-side', `Fodnote ${n} er der ikke plads til før dokumentets sidste side og er udeladt af PDF'en; forkort fodnoterne på de sidste sider.`));
      continue;
    }
    if (page === undefined || final.get(n) !== page) {
      warnings.push(
        warning('pdf/fodnote-side', `Fodnote ${n} står på side ${page ?? '?'}, men henvisningen endte på side ${final.get(n) ?? '?'}.`),
      );
    }
  }
  return { bytes, warnings };
}
