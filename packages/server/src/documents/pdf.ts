import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

/** A document as plain data: a title, sections of label/value rows or paragraphs, a footer. */
export interface PdfSection {
  heading: string;
  /** Label and value pairs, shown in two columns; long values wrap. */
  rows?: readonly (readonly [label: string, value: string])[];
  /** Free text; a blank line is kept between paragraphs. */
  paragraphs?: readonly string[];
}

export interface PdfContent {
  title: string;
  subtitle?: string;
  sections: readonly PdfSection[];
  /** Printed at the foot of every page, with "Page N of M". */
  footer?: string;
}

export interface RenderOptions {
  /** The document's creation and modification date: the same content and date give the same bytes. */
  date: Date;
}

// US Letter in points, with 0.75-inch margins.
const pageSize: [number, number] = [612, 792];
const margin = 54;
const width = pageSize[0] - 2 * margin;
const bottom = margin + 18; // the footer sits below this line
const labelWidth = 170;
const gutter = 12;
const valueWidth = width - labelWidth - gutter;
const body = { size: 10, leading: 13 };

/** Helvetica speaks WinAnsi only: anything it cannot draw becomes "?", controls become spaces. */
function sanitizer(font: PDFFont): (text: string) => string {
  const known = new Set(font.getCharacterSet());
  return (text) =>
    Array.from(text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    '))
      .map((ch) => {
        if (ch === '\n') return ch;
        const code = ch.codePointAt(0) ?? 0;
        if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return ' ';
        return known.has(code) ? ch : '?';
      })
      .join('');
}

/** Breaks text into lines no wider than `max` points; a word longer than a line is split. */
export function wrapText(text: string, font: PDFFont, size: number, max: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/).filter((w) => w.length > 0)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= max) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > max) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > max) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

class Layout {
  private page!: PDFPage;
  private y = 0;
  readonly pages: PDFPage[] = [];

  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(pageSize);
    this.pages.push(this.page);
    this.y = pageSize[1] - margin;
  }

  /** Starts a new page unless `height` points still fit above the footer. */
  ensure(height: number): void {
    if (this.y - height < bottom) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  line(text: string, x: number, font: PDFFont, size: number): void {
    if (text) this.page.drawText(text, { x, y: this.y - size, size, font, color: rgb(0, 0, 0) });
  }

  advance(leading: number): void {
    this.y -= leading;
  }

  rule(): void {
    this.page.drawLine({ start: { x: margin, y: this.y }, end: { x: margin + width, y: this.y }, thickness: 0.5, color: rgb(0.4, 0.4, 0.4) });
  }
}

function drawBlock(layout: Layout, lines: string[], font: PDFFont, size: number, leading: number): void {
  for (const l of lines) {
    layout.ensure(leading);
    layout.line(l, margin, font, size);
    layout.advance(leading);
  }
}

function drawRows(layout: Layout, rows: readonly (readonly [string, string])[], clean: (s: string) => string): void {
  for (const [label, value] of rows) {
    const left = wrapText(clean(label), layout.bold, body.size, labelWidth);
    const right = wrapText(clean(value) || '-', layout.regular, body.size, valueWidth);
    const count = Math.max(left.length, right.length);
    // Keep short rows whole; a row taller than a page continues on the next.
    layout.ensure(Math.min(count, 6) * body.leading);
    for (let i = 0; i < count; i++) {
      layout.ensure(body.leading);
      layout.line(left[i] ?? '', margin, layout.bold, body.size);
      layout.line(right[i] ?? '', margin + labelWidth + gutter, layout.regular, body.size);
      layout.advance(body.leading);
    }
    layout.gap(3);
  }
}

function drawFooters(layout: Layout, footer: string | undefined, clean: (s: string) => string): void {
  const total = layout.pages.length;
  layout.pages.forEach((page, i) => {
    const size = 8;
    const label = `Page ${i + 1} of ${total}`;
    const labelAt = margin + width - layout.regular.widthOfTextAtSize(label, size);
    page.drawText(label, { x: labelAt, y: margin - 10, size, font: layout.regular });
    if (footer) {
      const lines = wrapText(clean(footer), layout.regular, size, width - 80).slice(0, 2);
      lines.forEach((l, n) => page.drawText(l, { x: margin, y: margin - 10 - n * 10, size, font: layout.regular }));
    }
  });
}

/** Renders the content as a Letter-size PDF in Helvetica: deterministic for the same content and date. */
export async function renderPdf(content: PdfContent, options: RenderOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const clean = sanitizer(regular);
  doc.setTitle(clean(content.title));
  doc.setCreator('Harbor');
  doc.setProducer('Harbor');
  doc.setLanguage('en-US');
  doc.setCreationDate(options.date);
  doc.setModificationDate(options.date);

  const layout = new Layout(doc, regular, bold);
  drawBlock(layout, wrapText(clean(content.title), bold, 16, width), bold, 16, 20);
  if (content.subtitle) drawBlock(layout, wrapText(clean(content.subtitle), regular, 11, width), regular, 11, 14);

  for (const section of content.sections) {
    layout.gap(12);
    // A heading is kept with at least two lines of what follows it.
    layout.ensure(18 + 2 * body.leading);
    drawBlock(layout, wrapText(clean(section.heading), bold, 12, width), bold, 12, 15);
    layout.rule();
    layout.gap(5);
    if (section.rows) drawRows(layout, section.rows, clean);
    for (const paragraph of section.paragraphs ?? []) {
      drawBlock(layout, wrapText(clean(paragraph), regular, body.size, width), regular, body.size, body.leading);
      layout.gap(6);
    }
  }
  drawFooters(layout, content.footer, clean);
  return doc.save({ useObjectStreams: false });
}
