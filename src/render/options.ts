import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** What every renderer needs besides the tree. The words come from the template folder. */
export interface RenderOptions {
  metadata: {
    title: string;
    subject: string;
    author: string;
    keywords: string[];
    /** BCP 47, "da-DK". */
    language: string;
    /** Fixed by the content's revision date (or SOURCE_DATE_EPOCH) so builds are reproducible. */
    date: Date;
    /** An approved version's stamp (src/revision/stamp.ts): a custom PDF Info entry and DOCX property. */
    stamp?: string;
  };
  /** People's names: their words are never hyphenated in the PDF. */
  names?: string[];
  footer: {
    /** Left part of the running footer, e.g. "Delaftale: Tryghed og trivsel · version 1.0". */
    text: string;
    /** Page label with placeholders, e.g. "Side {side} af {sider}". */
    pageLabel: string;
  };
}

export interface Rendered {
  bytes: Uint8Array;
  warnings: Diagnostic[];
}
