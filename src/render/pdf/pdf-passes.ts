/**
 * react-pdf's `pdf(element).toBuffer()` split in its two halves, so footnote placement
 * can lay a document out several times and write the PDF once, from the layout that
 * settled (the PDF writing is about a fifth of a pass; toPdf needs 3–6 layouts).
 *
 * `writeLaidOut` repeats what react-pdf 4.9's `render()` does before calling
 * @react-pdf/render (react-pdf/lib/react-pdf.js): the same pdfkit document options,
 * read from the <Document> props, and the same page mode. The bytes are the same as
 * toBuffer's (a test compares them); on a react-pdf upgrade, compare this with its
 * render() again.
 *
 * Unlike toBuffer, the document is tagged (PDF/UA-1): pdfkit's `tagged` option gives the
 * catalog /MarkInfo and a structure tree root, and the Tagger (tagging.ts) builds the tree
 * through the hooks patched into @react-pdf/render. The bytes then differ from toBuffer's
 * by the tags and the PDF/UA identification only (`tagged: false` writes toBuffer's bytes, which a test compares).
 */
import type { ReactElement } from 'react';
import { Font, pdf } from '@react-pdf/renderer';
import layoutDocument from '@react-pdf/layout';
import renderPDF from '@react-pdf/render';
import PDFDocument from 'pdfkit';
import { STAMP_KEY } from '../../revision/stamp.js';
import { reuseEmbeddedFonts } from './font-switch.js';
import { startTagging } from './tagging.js';

type Instance = ReturnType<typeof pdf>;
type DocumentNode = Parameters<typeof layoutDocument>[0];
type LaidOut = Awaited<ReturnType<typeof layoutDocument>>;

export interface Mounted {
  instance: Instance;
  document: DocumentNode;
}

/** Mounts a <Document> element on react-pdf's renderer. Call `unmount` when done. */
export function mount(element: ReactElement): Mounted {
  const instance = pdf(element as Parameters<typeof pdf>[0]);
  return { instance, document: (instance.container as { document: DocumentNode }).document };
}

/**
 * react-pdf keeps one React renderer per process, and every pdf() call mounts a root on
 * it that stays (with all its fibers) until it is given null: without this a worker grew
 * by ~8 MB per agreement in a batch build.
 */
export function unmount(mounted: Mounted): void {
  mounted.instance.updateContainer(null as unknown as Parameters<Instance['updateContainer']>[0]);
}

/**
 * Lays the mounted document out (pagination, text layout), without writing a PDF.
 * `onOversized` hears of every block taller than a page: react-pdf's paginator then puts
 * it on a page of its own, cut at the bottom, and says so only in English on the
 * console, which a user never connects with the agreement.
 */
export async function layOut(mounted: Mounted, onOversized?: (message: string) => void): Promise<LaidOut> {
  // Typed with one parameter; react-pdf's render() passes its font store as the second.
  const withFonts = layoutDocument as unknown as (document: DocumentNode, fontStore: typeof Font) => Promise<LaidOut>;
  const stop = onOversized ? listenForOversized(onOversized) : undefined;
  try {
    return await withFonts(mounted.document, Font);
  } finally {
    stop?.();
  }
}

const oversizedListeners = new Set<(message: string) => void>();
let consoleWrapped = false;

/** Routes @react-pdf/paginate's "[paginate] … placing on its own page" warnings to the layouts running now. */
function listenForOversized(listener: (message: string) => void): () => void {
  if (!consoleWrapped) {
    const original = console.warn.bind(console);
    console.warn = (...args: unknown[]) => {
      const message = args[0];
      if (typeof message === 'string' && message.startsWith('[paginate]') && oversizedListeners.size > 0) {
        for (const l of oversizedListeners) l(message);
        return;
      }
      original(...args);
    };
    consoleWrapped = true;
  }
  oversizedListeners.add(listener);
  return () => oversizedListeners.delete(listener);
}

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * PDF/UA-1 identification in the XMP, beside PDF/A-2b's (pdfkit takes one `subset`).
 * PDF/A allows only predefined XMP properties or ones declared in an extension schema,
 * and pdfuaid is not predefined in PDF/A-2, hence the declaration.
 */
function identifyPdfUa(doc: InstanceType<typeof PDFDocument>): void {
  (doc as unknown as { appendXML(xml: string): void }).appendXML(`
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>`);
}

/** Writes a laid-out document as tagged PDF bytes, as react-pdf's toBuffer would write them untagged. */
export async function writeLaidOut(mounted: Mounted, laidOut: LaidOut, { tagged = true } = {}): Promise<Uint8Array> {
  const props = ((mounted.document as { props?: Record<string, unknown> }).props ?? {}) as Record<string, string | Date | undefined>;
  const { pdfVersion, conformance, language, pageLayout, pageMode, title, author, subject, keywords, creationDate, modificationDate } = props;
  const info = Object.fromEntries(
    Object.entries({
      Title: title, Author: author, Subject: subject, Keywords: keywords,
      Creator: props.creator ?? 'react-pdf', Producer: props.producer ?? 'react-pdf',
      CreationDate: creationDate ?? new Date(), ModificationDate: modificationDate,
      // An approved version's stamp (src/revision/stamp.ts), when the document has one.
      [STAMP_KEY]: props[STAMP_KEY],
    }).filter(([, value]) => value !== undefined),
  );
  const conformanceVersion = typeof conformance === 'string' && conformance.startsWith('PDF/A-1') ? '1.4' : '1.7';
  const ctx = new PDFDocument({
    compress: true,
    subset: conformance,
    pdfVersion: pdfVersion ?? (conformance ? conformanceVersion : undefined),
    lang: language,
    displayTitle: true,
    autoFirstPage: false,
    pageLayout,
    info,
    tagged,
  } as ConstructorParameters<typeof PDFDocument>[0]);
  reuseEmbeddedFonts(ctx);
  if (tagged) {
    identifyPdfUa(ctx);
    startTagging(ctx);
  }
  if (typeof pageMode === 'string') (ctx as unknown as { _root: { data: Record<string, unknown> } })._root.data.PageMode = upperFirst(pageMode);
  const stream = renderPDF(ctx as unknown as Parameters<typeof renderPDF>[0], laidOut) as unknown as AsyncIterable<Uint8Array | string>;
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  return Buffer.concat(chunks);
}
