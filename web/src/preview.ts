// Live preview with pdf.js (bundled; its worker is /assets/pdf.worker.mjs). One tab per
// document, each its own scroll area, so each keeps its scroll position. A new version is
// drawn into new canvases off-screen, the pages in view first; they replace the old ones
// only when drawn (no flicker, same page sizes, so the scroll position stays). Pages out of
// view follow one by one. Tabs not shown are drawn when they are opened.
import { AnnotationMode, GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import { el } from './schema-form/dom.js';

GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.mjs';

/** One pdf.js worker for every PDF (getDocument would otherwise start a new one each time). */
let worker: PDFWorker | undefined;
const sharedWorker = (): PDFWorker => (worker ??= new PDFWorker());

export type DocName = 'aftale' | 'aktivitetsskemaer' | 'aendringer';

interface Tab {
  name: DocName;
  tab: HTMLButtonElement;
  panel: HTMLElement;
  pages: HTMLElement;
  url?: string;
  version?: number;
  /** performance.now() when the newest URL arrived. */
  since?: number;
  drawnUrl?: string;
  token: number;
  pdf?: PDFDocumentProxy;
}

/**
 * Fired on document when a tab's pages in view show a new PDF: detail { name, version, url,
 * ms } (ms: from the new URL to the pages drawn, i.e. the page's own share of the wait).
 */
export const DRAWN_EVENT = 'delaftale:forhaandsvisning';

/** The tabs' names (the server's document titles are longer). */
const TAB_TITLES: Record<DocName, string> = { aftale: 'Aftale', aktivitetsskemaer: 'Aktivitetsskemaer', aendringer: 'Ændringer' };

export class Preview {
  private tabs = new Map<DocName, Tab>();
  private active: DocName = 'aftale';
  private resizeTimer?: number;

  constructor(private tablist: HTMLElement, private panels: HTMLElement) {
    tablist.addEventListener('keydown', (e) => this.onKey(e));
    window.addEventListener('resize', () => {
      clearTimeout(this.resizeTimer);
      this.resizeTimer = window.setTimeout(() => {
        for (const t of this.tabs.values()) t.drawnUrl = undefined;
        void this.draw(this.active);
      }, 200);
    });
    this.ensureTab('aftale', '');
    this.ensureTab('aktivitetsskemaer', '');
  }

  private ensureTab(name: DocName, serverTitle: string): Tab {
    const title = TAB_TITLES[name] ?? serverTitle;
    const existing = this.tabs.get(name);
    if (existing) return existing;
    const tab = el('button', { type: 'button', role: 'tab', id: `fane-${name}`, 'aria-controls': `panel-${name}`, 'aria-selected': 'false', tabindex: -1, class: 'fane' }, title);
    const pages = el('div', { class: 'sider' }, el('p', { class: 'venter' }, 'Forhåndsvisningen dannes …'));
    const panel = el('div', { role: 'tabpanel', id: `panel-${name}`, 'aria-labelledby': `fane-${name}`, tabindex: 0, class: 'fanepanel', hidden: true },
      pages);
    tab.addEventListener('click', () => this.select(name));
    this.tablist.append(tab);
    this.panels.append(panel);
    const t: Tab = { name, tab, panel, pages, token: 0 };
    this.tabs.set(name, t);
    if (this.tabs.size === 1) this.select(name, false);
    return t;
  }

  /** New PDFs from /api/preview (or the change report): draws the tab in view. */
  update(docs: Array<{ name: DocName; title: string; url: string }>, version: number): void {
    for (const d of docs) {
      const t = this.ensureTab(d.name, d.title);
      if (t.version !== undefined && version < t.version) continue;
      t.url = d.url;
      t.version = version;
      t.since = performance.now();
    }
    void this.draw(this.active);
  }

  /** A message instead of pages (e.g. when the file is not JSON, there is nothing to show). */
  notice(text: string): void {
    for (const t of this.tabs.values()) {
      t.token += 1;
      t.url = undefined;
      t.drawnUrl = undefined;
      t.pages.replaceChildren(el('p', { class: 'venter' }, text));
    }
  }

  /** The change report as a third tab, selected. */
  showChanges(url: string): void {
    const t = this.ensureTab('aendringer', 'Ændringer');
    t.url = url;
    t.since = performance.now();
    t.version = (t.version ?? 0) + 1;
    t.drawnUrl = undefined;
    this.select('aendringer');
  }

  select(name: DocName, focus = false): void {
    this.active = name;
    for (const t of this.tabs.values()) {
      const on = t.name === name;
      t.tab.setAttribute('aria-selected', String(on));
      t.tab.tabIndex = on ? 0 : -1;
      t.panel.hidden = !on;
    }
    if (focus) this.tabs.get(name)?.tab.focus();
    void this.draw(name);
  }

  private onKey(e: KeyboardEvent): void {
    const names = [...this.tabs.keys()];
    const i = names.indexOf(this.active);
    let next: number | undefined;
    if (e.key === 'ArrowRight') next = (i + 1) % names.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + names.length) % names.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = names.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    this.select(names[next]!, true);
  }

  private async draw(name: DocName): Promise<void> {
    const t = this.tabs.get(name);
    if (!t?.url || t.drawnUrl === t.url) return;
    const token = (t.token += 1);
    const url = t.url;
    const version = t.version;
    const since = t.since ?? performance.now();
    const stale = (): boolean => token !== t.token;
    try {
      const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
      if (!res.ok) throw new Error(await res.text());
      const data = new Uint8Array(await res.arrayBuffer());
      if (stale()) return;
      const pdf = await getDocument({ data, worker: sharedWorker(), isEvalSupported: false, enableXfa: false }).promise;
      if (stale()) { void pdf.destroy(); return; }
      const width = Math.max(200, t.panel.clientWidth - 24);
      const first = await pdf.getPage(1);
      const base = first.getViewport({ scale: 1 });
      const scale = width / base.width;
      const n = pdf.numPages;

      // Page boxes: as many as pages, sized like page 1 (A4 throughout).
      const cssW = Math.floor(base.width * scale);
      const cssH = Math.floor(base.height * scale);
      const visible = this.pagesInView(t, n, cssH);
      const drawPage = async (i: number): Promise<HTMLCanvasElement | undefined> => {
        const page = await pdf.getPage(i + 1);
        if (stale()) return undefined;
        const ratio = window.devicePixelRatio || 1;
        const vp = page.getViewport({ scale: scale * ratio });
        const canvas = el('canvas', { class: 'side-laerred', 'aria-hidden': 'true' });
        canvas.width = Math.floor(vp.width);
        canvas.height = Math.floor(vp.height);
        canvas.style.width = `${cssW}px`;
        canvas.style.height = `${cssH}px`;
        // Links and other annotations are not drawn: a canvas cannot follow them anyway.
        await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport: vp, annotationMode: AnnotationMode.DISABLE }).promise;
        page.cleanup();
        return stale() ? undefined : canvas;
      };

      const first2 = await Promise.all(visible.map(drawPage));
      if (stale()) { void pdf.destroy(); return; }
      const scrollTop = t.panel.scrollTop;
      this.layout(t, n, cssW, cssH);
      visible.forEach((i, k) => { const c = first2[k]; if (c) t.pages.children[i]?.replaceChildren(c); });
      t.panel.scrollTop = scrollTop;
      t.drawnUrl = url;
      const old = t.pdf;
      t.pdf = pdf;
      t.panel.dataset.version = String(version ?? '');
      t.panel.dataset.url = url;
      document.dispatchEvent(new CustomEvent(DRAWN_EVENT, { detail: { name, version, url, ms: performance.now() - since } }));

      // The rest, one by one, while nothing newer is waiting.
      for (let i = 0; i < n; i += 1) {
        if (visible.includes(i)) continue;
        await new Promise((r) => setTimeout(r, 0));
        if (stale()) break;
        const c = await drawPage(i);
        if (!c) break;
        t.pages.children[i]?.replaceChildren(c);
      }
      if (old && old !== pdf) void old.destroy();
    } catch (err) {
      if (stale()) return;
      t.pages.replaceChildren(el('p', { class: 'fejl-tekst' }, `Forhåndsvisningen kunne ikke vises: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  private pagesInView(t: Tab, n: number, cssH: number): number[] {
    const gap = 12;
    const top = t.panel.scrollTop;
    const bottom = top + Math.max(t.panel.clientHeight, cssH);
    const out: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const y = i * (cssH + gap);
      if (y + cssH >= top && y <= bottom) out.push(i);
    }
    return out.length ? out : [0];
  }

  private layout(t: Tab, n: number, w: number, h: number): void {
    while (t.pages.children.length > n) t.pages.lastElementChild?.remove();
    for (const p of [...t.pages.children]) if (!p.classList.contains('side')) p.remove();
    while (t.pages.children.length < n) t.pages.append(el('div', { class: 'side' }));
    [...t.pages.children].forEach((p, i) => {
      const page = p as HTMLElement;
      page.style.width = `${w}px`;
      page.style.height = `${h}px`;
      page.setAttribute('role', 'img');
      page.setAttribute('aria-label', `Side ${i + 1} af ${n}`);
    });
  }
}
