export { renderPdf, wrapText, type PdfContent, type PdfSection, type RenderOptions } from './pdf.js';
export { extractPdfText } from './pdf-text.js';
export {
  DocumentIntegrityError,
  latestDocument,
  loadDocument,
  safeFileName,
  sha256Hex,
  storeDocument,
  type NewDocument,
  type StoredDocument,
} from './store.js';
