import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractPdfText } from './pdf-text.js';
import { renderPdf, wrapText, type PdfContent } from './pdf.js';
import { safeFileName, sha256Hex } from './store.js';

const date = new Date('2026-03-02T15:04:05Z');
const notice: PdfContent = {
  title: 'DCF-737 Human Trafficking Notice',
  subtitle: 'Referral R-2026-000123 — received 2026-03-02 10:04',
  sections: [
    { heading: 'Referral', rows: [['Referral number', 'R-2026-000123'], ['Town', 'New Britain'], ['Reporter type', 'School staff (mandated reporter)']] },
    { heading: 'Children', rows: [['Child 1', 'J.D., 15, female'], ['Child 2', 'M.R., 12, male']] },
    { heading: 'Call back', paragraphs: ['Careline worker: A. Careline, 1-800-555-0100.', 'Café, señora, “quotes” – dashes — all in WinAnsi.'] },
  ],
  footer: 'Confidential child-welfare information. Do not forward.',
};

describe('renderPdf', () => {
  it('gives the same bytes for the same content and date, and different bytes for another date', async () => {
    const a = await renderPdf(notice, { date });
    const b = await renderPdf(notice, { date });
    expect(sha256Hex(a)).toBe(sha256Hex(b));
    expect(sha256Hex(await renderPdf(notice, { date: new Date(date.getTime() + 1000) }))).not.toBe(sha256Hex(a));
  });

  it('writes a Letter-size PDF whose text holds every field, with dates from the argument', async () => {
    const bytes = await renderPdf(notice, { date });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
    expect(doc.getCreationDate()).toEqual(date);
    expect(doc.getTitle()).toBe('DCF-737 Human Trafficking Notice');
    const text = extractPdfText(bytes);
    for (const field of ['R-2026-000123', 'New Britain', 'School staff (mandated reporter)', 'J.D., 15, female', 'M.R., 12, male', '1-800-555-0100', 'Café, señora, “quotes” – dashes — all in WinAnsi.', 'Page 1 of 1', 'Do not forward.']) {
      expect(text).toContain(field);
    }
  });

  it('wraps long values within the page and paginates long documents, numbering every page', async () => {
    const long = 'trafficking indicator '.repeat(120).trim();
    const bytes = await renderPdf(
      { title: 'Long', sections: [{ heading: 'Rows', rows: Array.from({ length: 90 }, (_, i) => [`Label ${i}`, i === 3 ? long : `Value ${i}`] as const) }] },
      { date },
    );
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(2);
    const text = extractPdfText(bytes);
    for (let i = 1; i <= doc.getPageCount(); i++) expect(text).toContain(`Page ${i} of ${doc.getPageCount()}`);
    expect(text).toContain('Value 89');
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const lines = text.split('\n').filter((l) => l.includes('trafficking indicator'));
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(612 - 108 - 170 - 12);
    expect(lines.join(' ').split(' ').filter((w) => w === 'indicator')).toHaveLength(120);
  });

  it('draws what Helvetica cannot as "?" and never fails on odd characters', async () => {
    const bytes = await renderPdf({ title: 'Odd 😀 中文 \u0000 tab\there', sections: [{ heading: 'x', paragraphs: ['line one\r\nline two', ''] }] }, { date });
    const text = extractPdfText(bytes);
    expect(text).toContain('Odd ? ?? tab here'); // runs of spaces are one space when wrapped
    expect(text).toContain('line one');
    expect(text).toContain('line two');
  });
});

describe('wrapText', () => {
  it('splits a word longer than the line', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const lines = wrapText('x'.repeat(500), font, 10, 100);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join('')).toBe('x'.repeat(500));
    for (const l of lines) expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(100);
  });
});

describe('safeFileName', () => {
  it('keeps letters, digits, dot, dash and underscore', () => {
    expect(safeFileName('DCF-737 R-2026/000123.pdf')).toBe('DCF-737_R-2026_000123.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('')).toBe('document');
  });
});
