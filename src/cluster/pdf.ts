/**
 * The cluster's documents for the steering group as PDF (issue 16 items 4 and 5): the settlement
 * statement and the meeting overview. A plain A4 document of headed tables, made with pdf-lib (pure
 * JavaScript, no browser on the server); the figures are the ones the pages and the workbooks show.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export interface PdfTable {
  heading: string;
  caption?: string;
  header: string[];
  rows: string[][];
  /** which columns are figures (right-aligned) */
  numeric: boolean[];
  note?: string;
}

export interface PdfSpec {
  title: string;
  subtitle?: string;
  tables: PdfTable[];
  /** the small print at the foot of each page, e.g. "Tværblik · 2 December 2026" */
  footer: string;
  /** the document's language (BCP 47) */
  lang: string;
}

/** A4 landscape: the overview's tables have up to seven columns */
const A4 = { width: 841.89, height: 595.28 };
const MARGIN = 48;
const SIZE = 9;
const LINE = 13;

/** Render the tables as an A4 (landscape) PDF: a title, then each table with its heading, paginated. */
export async function tablesPdf(spec: PdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(spec.title);
  doc.setLanguage(spec.lang);
  doc.setProducer('Tværblik');
  doc.setCreator('Tværblik');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const safe = encodable(regular);
  let page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  const newPage = () => {
    page = doc.addPage([A4.width, A4.height]);
    y = A4.height - MARGIN;
  };
  const need = (h: number) => {
    if (y - h < MARGIN + LINE) newPage();
  };
  const text = (s: string, x: number, size: number, font: PDFFont, color = rgb(0.12, 0.16, 0.2)) =>
    page.drawText(safe(s), { x, y, size, font, color });

  text(spec.title, MARGIN, 16, bold);
  y -= 22;
  if (spec.subtitle) {
    text(spec.subtitle, MARGIN, 10, regular, rgb(0.3, 0.36, 0.4));
    y -= 18;
  }
  const width = A4.width - 2 * MARGIN;
  for (const table of spec.tables) {
    need(LINE * 4);
    y -= 8;
    text(table.heading, MARGIN, 12, bold);
    y -= 16;
    if (table.caption) {
      for (const line of wrap(safe(table.caption), regular, SIZE, width)) {
        text(line, MARGIN, SIZE, regular, rgb(0.3, 0.36, 0.4));
        y -= LINE;
      }
    }
    const widths = columnWidths(table, regular, bold, width, safe);
    const row = (cells: string[], font: PDFFont) => {
      let x = MARGIN;
      cells.forEach((c, i) => {
        const w = widths[i]!;
        const s = fit(safe(c), font, SIZE, w - 6);
        const tx = table.numeric[i] ? x + w - 3 - font.widthOfTextAtSize(s, SIZE) : x + 3;
        text(s, tx, SIZE, font);
        x += w;
      });
    };
    const rule = () =>
      page.drawLine({
        start: { x: MARGIN, y: y - 3 },
        end: { x: MARGIN + width, y: y - 3 },
        thickness: 0.5,
        color: rgb(0.6, 0.65, 0.7),
      });
    row(table.header, bold);
    rule();
    y -= LINE + 2;
    for (const cells of table.rows) {
      if (y - LINE < MARGIN + LINE) {
        newPage();
        row(table.header, bold);
        rule();
        y -= LINE + 2;
      }
      row(cells, regular);
      y -= LINE;
    }
    if (table.note) {
      y -= 4;
      for (const line of wrap(safe(table.note), regular, SIZE - 1, width)) {
        need(LINE);
        text(line, MARGIN, SIZE - 1, regular, rgb(0.3, 0.36, 0.4));
        y -= LINE - 2;
      }
    }
    y -= 10;
  }
  const pages = doc.getPages();
  pages.forEach((p, i) =>
    p.drawText(safe(`${spec.footer} · ${i + 1}/${pages.length}`), {
      x: MARGIN,
      y: MARGIN / 2,
      size: 7,
      font: regular,
      color: rgb(0.4, 0.45, 0.5),
    }),
  );
  return doc.save();
}

/**
 * Column widths: figures get their natural width (they are never cut); the text columns share what is
 * left in proportion to their widest cell, and every column gets any room to spare.
 */
function columnWidths(
  t: PdfTable,
  regular: PDFFont,
  bold: PDFFont,
  width: number,
  safe: (s: string) => string,
): number[] {
  const natural = t.header.map(
    (h, i) =>
      Math.max(
        bold.widthOfTextAtSize(safe(h), SIZE),
        ...t.rows.map((r) => regular.widthOfTextAtSize(safe(r[i] ?? ''), SIZE)),
      ) + 8,
  );
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= width) return natural.map((w) => w + (width - total) / natural.length);
  const fixed = natural.reduce((a, w, i) => a + (t.numeric[i] ? w : 0), 0);
  const text = total - fixed;
  return natural.map((w, i) => (t.numeric[i] ? w : (w / text) * Math.max(width - fixed, text * 0.3)));
}

/** The text cut to fit `max` points, ending in "…" when cut. */
function fit(s: string, font: PDFFont, size: number, max: number): string {
  if (font.widthOfTextAtSize(s, size) <= max) return s;
  let cut = s;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > max) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function wrap(s: string, font: PDFFont, size: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > max && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A function that replaces the characters the standard font cannot show (outside WinAnsi) by '?'. */
function encodable(font: PDFFont): (s: string) => string {
  const ok = new Map<string, boolean>();
  return (s) =>
    [...s.replace(/[\u00a0\u202f]/g, ' ')]
      .map((ch) => {
        let v = ok.get(ch);
        if (v === undefined) {
          try {
            font.encodeText(ch);
            v = true;
          } catch {
            v = false;
          }
          ok.set(ch, v);
        }
        return v ? ch : '?';
      })
      .join('');
}
