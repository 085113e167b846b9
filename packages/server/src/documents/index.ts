export { renderPdf, wrapText, type PdfContent, type PdfSection, type RenderOptions } from './pdf.js';
export { extractPdfText } from './pdf-text.js';
export {
  DocumentIntegrityError,
  latestDocument,
  loadDocument,
  loadDocuments,
  safeFileName,
  sha256Hex,
  storeDocument,
  storeDocuments,
  type NewDocument,
  type StoredDocument,
} from './store.js';
