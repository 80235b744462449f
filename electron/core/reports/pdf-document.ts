/**
 * The PDF side of the reports (pdfkit): a document with its fonts embedded (DejaVu Sans Condensed, subset
 * by pdfkit: nothing is fetched, and the sheet looks the same on every printer), a table that repeats its
 * header on each page and never splits a row, and "page X of Y" footers. Layout: docs/reports.md.
 */
type Doc = PDFKit.PDFDocument;

const MARGIN = 36;
const CELL_PAD = 3;
export const GREY = '#555555';

export type PaperSize = 'LETTER' | 'A4';

/** US and Canadian clinics print on Letter; everyone else on A4. */
export function paperFor(country: string | undefined): PaperSize {
  return country === 'US' || country === 'CA' ? 'LETTER' : 'A4';
}

function fontFile(name: string): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${name}`);
}

export type NewPdf = Readonly<{ title: string; paper: PaperSize; landscape?: boolean; createdAt: number }>;

/** A new document on its first page; pdfkit is loaded here, only by commands that print (CLI start-up time). */
export function newPdf(options: NewPdf): Doc {
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  const doc = new PDFDocument({
    size: options.paper,
    layout: options.landscape ? 'landscape' : 'portrait',
    margin: MARGIN,
    bufferPages: true,
    // The default font would be Helvetica, which is not embedded; ours is, from the first page on.
    font: fontFile('DejaVuSansCondensed.ttf'),
    info: { Title: options.title, Author: 'Frontdesk', Creator: 'Frontdesk', CreationDate: new Date(options.createdAt) },
  });
  doc.registerFont('regular', fontFile('DejaVuSansCondensed.ttf'));
  doc.registerFont('bold', fontFile('DejaVuSansCondensed-Bold.ttf'));
  return doc.font('regular');
}

/** Ends the document and collects its bytes. */
export function pdfBytes(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Width between the margins. */
export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottomLimit(doc: Doc): number {
  // Room is kept for the footer line.
  return doc.page.height - doc.page.margins.bottom - 14;
}

export interface TableColumn {
  readonly header: string;
  /** Share of the content width (the shares of a table add up to 1). */
  readonly share: number;
}

export interface TableRow {
  readonly cells: readonly string[];
  /** Drawn bold with a tinted background (e.g. "needs a call"). */
  readonly emphasis?: boolean;
}

export type TableStyle = Readonly<{ fontSize: number; onNewPage?: (doc: Doc) => void }>;

function columnWidths(doc: Doc, columns: readonly TableColumn[]): number[] {
  const width = contentWidth(doc);
  return columns.map((c) => c.share * width);
}

function rowHeight(doc: Doc, cells: readonly string[], widths: readonly number[], bold: boolean): number {
  doc.font(bold ? 'bold' : 'regular');
  const heights = cells.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i]! - 2 * CELL_PAD }));
  return Math.max(...heights) + 2 * CELL_PAD;
}

function drawRow(
  doc: Doc,
  cells: readonly string[],
  widths: readonly number[],
  y: number,
  style: { bold: boolean; fill?: string },
): number {
  const height = rowHeight(doc, cells, widths, style.bold);
  const left = doc.page.margins.left;
  const total = widths.reduce((a, b) => a + b, 0);
  if (style.fill) doc.save().rect(left, y, total, height).fill(style.fill).restore();
  doc.font(style.bold ? 'bold' : 'regular').fillColor('black');
  let x = left;
  cells.forEach((text, i) => {
    doc.text(text, x + CELL_PAD, y + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD, lineBreak: true });
    x += widths[i]!;
  });
  doc
    .moveTo(left, y + height)
    .lineTo(left + total, y + height)
    .lineWidth(0.3)
    .strokeColor('#bbbbbb')
    .stroke();
  return y + height;
}

/** Draws a table from the current y; a row that does not fit goes to a new page under a repeated header. */
export function drawTable(doc: Doc, columns: readonly TableColumn[], rows: readonly TableRow[], style: TableStyle): void {
  const widths = columnWidths(doc, columns);
  const headers = columns.map((c) => c.header);
  doc.fontSize(style.fontSize);
  let y = drawRow(doc, headers, widths, doc.y, { bold: true, fill: '#e4e4e4' });
  rows.forEach((row, index) => {
    const height = rowHeight(doc, row.cells, widths, row.emphasis === true);
    if (y + height > bottomLimit(doc)) {
      doc.addPage();
      style.onNewPage?.(doc);
      doc.fontSize(style.fontSize);
      y = drawRow(doc, headers, widths, doc.y, { bold: true, fill: '#e4e4e4' });
    }
    const fill = row.emphasis ? '#fde8c8' : index % 2 === 1 ? '#f5f5f5' : undefined;
    y = drawRow(doc, row.cells, widths, y, { bold: row.emphasis === true, ...(fill ? { fill } : {}) });
  });
  doc.y = y + 6;
  doc.x = doc.page.margins.left;
}

/** Writes "left … Page X of Y" at the foot of every page (bufferPages is on). */
export function addFooters(doc: Doc, left: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing below the bottom margin would make pdfkit open a new page: lift the margin while writing.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - bottom - 10;
    const x = doc.page.margins.left;
    const width = contentWidth(doc);
    doc.font('regular').fontSize(7.5).fillColor(GREY);
    doc.text(left, x, y, { width, lineBreak: false });
    doc.text(`Page ${i - start + 1} of ${count}`, x, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}
