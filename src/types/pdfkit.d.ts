// pdfkit ships no types; delaftale only constructs a document and hands it to @react-pdf/render.
declare module 'pdfkit' {
  export default class PDFDocument {
    constructor(options: Record<string, unknown>);
  }
}
