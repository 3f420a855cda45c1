import PDFDocument from 'pdfkit';
import { fontKey } from './fonts';
import {
  BODY_SIZE,
  META_DOCUMENT_KEY,
  META_MEETING_KEY,
  META_SEAL_KEY,
  NOTE_SIZE,
  PAGE,
  closingLinesStart,
  type Line,
  type MinutesDocument,
} from './model';
import { drawLine, layoutParagraph, LINE_HEIGHT, registerFonts, type LaidParagraph } from './pdf-layout';

type Doc = InstanceType<typeof PDFDocument>;

const MM = 72 / 25.4;
const pt = (mm: number) => mm * MM;

const PAGE_WIDTH = pt(PAGE.widthMm);
const PAGE_HEIGHT = pt(PAGE.heightMm);
const LEFT = pt(PAGE.marginLeftMm);
const RIGHT = PAGE_WIDTH - pt(PAGE.marginRightMm);
const TOP = pt(PAGE.marginTopMm);
const BOTTOM = PAGE_HEIGHT - pt(PAGE.marginBottomMm);
const CONTENT_WIDTH = RIGHT - LEFT;
/** The left header block takes a little less than half the width, as in printed party documents. */
const HEADER_LEFT_SHARE = 0.45;
/** Room for a signature between a signer's title and their name. */
const SIGNATURE_SPACE = 70;
/** Space between the body and the signature blocks. */
const SIGNATURES_ABOVE = 12;

/**
 * Writes the document as a PDF: A4, the party-document margins, Tinos
 * (Times New Roman's metrics) embedded, the header blocks and the signature
 * blocks side by side, page numbers at the top from page 2, and for approved
 * minutes the seal's hash in the text and in the file's metadata.
 */
export function renderPdf(model: MinutesDocument): Promise<Buffer> {
  const doc: Doc = new PDFDocument({
    size: 'A4',
    // Margins are kept here, not by pdfkit: every line is placed by the layout, so pdfkit must never wrap or break.
    margin: 0,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    lang: model.language === 'vi' ? 'vi-VN' : 'en-GB',
    displayTitle: true,
    info: {
      Title: model.info.title,
      Subject: model.info.subject,
      Author: model.info.author,
      Creator: 'Biên Bản',
      Producer: 'Biên Bản',
      // The seal's time, not the download's: two exports of the same sealed minutes carry the same dates.
      ...(model.seal
        ? { CreationDate: new Date(model.seal.approvedAt), ModDate: new Date(model.seal.approvedAt) }
        : {}),
      ...(model.seal ? { Keywords: `${META_SEAL_KEY}:${model.seal.hash}` } : {}),
    },
  });
  // Custom entries of the document information dictionary: read back by verification.
  const info = doc.info as unknown as Record<string, string>;
  info[META_MEETING_KEY] = model.meetingId;
  info[META_DOCUMENT_KEY] = model.document;
  if (model.seal) info[META_SEAL_KEY] = model.seal.hash;
  registerFonts(doc);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  let y = TOP;
  const newPage = () => {
    doc.addPage({ size: 'A4', margin: 0 });
    y = TOP;
  };
  const drawParagraph = (laid: LaidParagraph, x: number) => {
    y += laid.source.spaceBefore ?? 0;
    for (const line of laid.lines) {
      if (y + laid.lineHeight > BOTTOM) newPage();
      drawLine(doc, laid, line, x, y);
      y += laid.lineHeight;
    }
    y += laid.height - (laid.source.spaceBefore ?? 0) - laid.lines.length * laid.lineHeight;
  };
  /** Lines flowing over the full width; one kept with the next moves to a new page rather than end one. */
  const flow = (lines: readonly Line[]) => {
    const laid = lines.map((line) => layoutParagraph(doc, line, CONTENT_WIDTH));
    laid.forEach((paragraph, i) => {
      const next = laid[i + 1];
      const needed =
        paragraph.source.keepWithNext && next
          ? paragraph.height + (next.source.spaceBefore ?? 0) + next.lineHeight
          : (paragraph.source.spaceBefore ?? 0) + Math.min(paragraph.height, 2 * paragraph.lineHeight);
      if (y + needed > BOTTOM && y > TOP) newPage();
      drawParagraph(paragraph, LEFT);
    });
  };
  /**
   * Columns side by side from the current line; y continues below the tallest. `keepBelow`: room needed
   * after them on the same page. Returns where each column ended.
   */
  const columns = (blocks: readonly (readonly Line[])[], widths: readonly number[], keepBelow = 0) => {
    const laid = blocks.map((lines, i) => lines.map((line) => layoutParagraph(doc, line, widths[i]!)));
    const height = Math.max(...laid.map((ps) => ps.reduce((sum, p) => sum + p.height, 0)), 0) + keepBelow;
    if (y + height > BOTTOM && y > TOP) newPage();
    const top = y;
    const ends: number[] = [];
    let x = LEFT;
    laid.forEach((paragraphs, i) => {
      y = top;
      for (const p of paragraphs) drawParagraph(p, x);
      ends.push(y);
      x += widths[i]!;
    });
    y = Math.max(top, ...ends);
    return ends;
  };

  const mark = (text: string, size: number): Line => ({ runs: [{ text, bold: true }], size, align: 'left' });
  if (model.classificationMark) {
    // The classification stamp: bold, boxed, at the top left of the first page.
    const laid = layoutParagraph(doc, mark(model.classificationMark, BODY_SIZE), CONTENT_WIDTH);
    const width = laid.lines[0]!.words.reduce((sum, w) => sum + w.width, 0) + 12;
    doc
      .save()
      .lineWidth(1.2)
      .rect(LEFT - 6, y - 4, width, BODY_SIZE * LINE_HEIGHT + 6)
      .stroke()
      .restore();
    drawParagraph(laid, LEFT);
    y += 4;
  }
  if (model.draftMark) flow([{ ...mark(model.draftMark, BODY_SIZE), align: 'center' }]);
  if (model.header) {
    const leftWidth = CONTENT_WIDTH * HEADER_LEFT_SHARE;
    columns([model.header.left, model.header.right], [leftWidth, CONTENT_WIDTH - leftWidth]);
  }
  flow(model.title);
  if (model.signatures.length === 0) flow(model.body);
  else {
    const widths = model.signatures.map(() => CONTENT_WIDTH / model.signatures.length);
    const nameHeight = BODY_SIZE * LINE_HEIGHT;
    const nameLine = (name: string | null): Line[] =>
      name ? [{ runs: [{ text: name, bold: true }], size: BODY_SIZE, align: 'center' }] : [];
    const heightOf = (lines: readonly Line[], width: number) =>
      lines.reduce((sum, line) => sum + layoutParagraph(doc, line, width).height, 0);

    // Signatures never stand alone on a page: the body's last paragraph, and those kept with it (a task and
    // its assignees), go over with them when they do not fit together; the seal's line stays below them.
    const sealHeight = model.verificationLine ? heightOf([model.verificationLine], CONTENT_WIDTH) : 0;
    const tail = closingLinesStart(model.body);
    flow(model.body.slice(0, tail));
    const together =
      heightOf(model.body.slice(tail), CONTENT_WIDTH) +
      SIGNATURES_ABOVE +
      Math.max(...model.signatures.map((s, i) => heightOf(s.titles, widths[i]!))) +
      SIGNATURE_SPACE +
      nameHeight +
      sealHeight;
    if (y + together > BOTTOM && y > TOP && together <= BOTTOM - TOP) newPage();
    flow(model.body.slice(tail));

    y += SIGNATURES_ABOVE;
    // Titles, the room to sign and the names stay on one page; the names share one line whatever the titles'
    // lengths. A block nobody signs ("Nơi nhận:") runs down beside the room to sign without pushing the names.
    const ends = columns(
      model.signatures.map((s) => s.titles),
      widths,
      SIGNATURE_SPACE + nameHeight + sealHeight,
    );
    const bottom = y;
    const signed = ends.filter((_, i) => !model.signatures[i]!.unsigned);
    y = (signed.length > 0 ? Math.max(...signed) : bottom) + SIGNATURE_SPACE;
    columns(
      model.signatures.map((s) => (s.unsigned ? [] : nameLine(s.name))),
      widths,
    );
    y = Math.max(y, bottom);
  }
  if (model.verificationLine) flow([model.verificationLine]);

  // Marks on every page: the page number at the top from page 2 (party documents leave it off the first),
  // and at the foot the classification and the draft mark.
  const range = doc.bufferedPageRange();
  const foot = [model.classificationMark, model.draftMark].filter(Boolean).join(' · ');
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (i > range.start) {
      const number = layoutParagraph(
        doc,
        { runs: [{ text: String(i - range.start + 1) }], size: BODY_SIZE, align: 'center' },
        CONTENT_WIDTH,
      );
      drawLine(doc, number, number.lines[0]!, LEFT, TOP / 2 - BODY_SIZE / 2);
    }
    if (foot) {
      const footer = layoutParagraph(
        doc,
        { runs: [{ text: foot, bold: true }], size: NOTE_SIZE, align: 'center' },
        CONTENT_WIDTH,
      );
      drawLine(doc, footer, footer.lines[0]!, LEFT, BOTTOM + (PAGE_HEIGHT - BOTTOM) / 2 - NOTE_SIZE / 2);
    }
  }
  doc.font(fontKey('regular', 'latin'));
  doc.end();
  return done;
}
