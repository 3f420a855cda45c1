import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
} from 'docx';
import { createHash } from 'node:crypto';
import {
  BODY_SIZE,
  FONT_NAME,
  META_DOCUMENT_KEY,
  META_MEETING_KEY,
  META_SEAL_KEY,
  META_TEXT_KEY,
  NOTE_SIZE,
  PAGE,
  closingLinesStart,
  type Align,
  type Line,
  type MinutesDocument,
  type Run,
} from './model';

/** Twentieths of a point, Word's unit for page geometry and indents. */
const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
const twipsFromPt = (points: number) => Math.round(points * 20);
/** Word sizes text in half-points. */
const halfPoints = (points: number) => Math.round(points * 2);

const CONTENT_TWIPS = twips(PAGE.widthMm - PAGE.marginLeftMm - PAGE.marginRightMm);
const HEADER_LEFT_SHARE = 0.45;
/** Empty lines between a signer's title and their name: the room to sign. */
const SIGNATURE_LINES = 4;

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

/** Runs as Word runs; a line break inside a run (a hard break in the minutes) becomes Word's break. */
function textRuns(runs: readonly Run[], size: number): TextRun[] {
  return runs.flatMap((run) =>
    run.text.split('\n').map(
      (text, i) =>
        new TextRun({
          text,
          break: i > 0 ? 1 : 0,
          bold: !!run.bold,
          italics: !!run.italic,
          ...(run.underline ? { underline: { type: UnderlineType.SINGLE } } : {}),
          font: FONT_NAME,
          size: halfPoints(size),
        }),
    ),
  );
}

function paragraph(line: Line): Paragraph {
  return new Paragraph({
    children: textRuns(line.runs, line.size),
    alignment: ALIGN[line.align],
    keepNext: !!line.keepWithNext,
    spacing: { before: twipsFromPt(line.spaceBefore ?? 0), after: twipsFromPt(6) },
    // Word takes a negative first-line indent as a hanging one.
    indent: {
      left: twipsFromPt(line.indent ?? 0),
      ...((line.firstIndent ?? 0) < 0
        ? { hanging: twipsFromPt(-line.firstIndent!) }
        : { firstLine: twipsFromPt(line.firstIndent ?? 0) }),
    },
  });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

/** One block of a borderless table; a block spanning two rows runs down beside the next row's. */
interface Block {
  children: Paragraph[];
  width: number;
  rowSpan?: number;
}

/** A borderless table: blocks side by side, as Word users lay out party-document headers and signatures. */
function sideBySide(rows: readonly (readonly Block[])[], widths: readonly number[]): Table {
  return new Table({
    rows: rows.map(
      (blocks) =>
        new TableRow({
          cantSplit: true,
          children: blocks.map(
            (block) =>
              new TableCell({
                children: block.children.length > 0 ? block.children : [new Paragraph({})],
                width: { size: block.width, type: WidthType.DXA },
                ...(block.rowSpan ? { rowSpan: block.rowSpan } : {}),
                borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
              }),
          ),
        }),
    ),
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
  });
}

const centred = (text: string, size: number, bold = false, keepNext = false) =>
  new Paragraph({ alignment: AlignmentType.CENTER, keepNext, children: textRuns([{ text, bold }], size) });

/**
 * The document's paragraphs as Word will hold them, in order (the body of
 * word/document.xml, headers and footers aside), without empty ones. Their
 * digest goes into the file, so verification can tell an edited copy.
 */
function docxParagraphTexts(model: MinutesDocument): string[] {
  const text = (line: Line) => line.runs.map((r) => r.text).join('');
  return [
    model.classificationMark ?? '',
    model.draftMark ?? '',
    ...(model.header ? [...model.header.left, ...model.header.right].map(text) : []),
    ...model.title.map(text),
    ...model.body.map(text),
    ...model.signatures.flatMap((s) => s.titles.map(text)),
    ...model.signatures.map((s) => s.name ?? ''),
    model.verificationLine ? text(model.verificationLine) : '',
  ].filter((t) => t.length > 0);
}

/** SHA-256 of a document's paragraphs, one per line. */
export function textDigest(paragraphs: readonly string[]): string {
  return createHash('sha256').update(paragraphs.join('\n'), 'utf8').digest('hex');
}

/**
 * Writes the document as DOCX: A4 (11906 × 16838 twips), the party-document
 * margins, Times New Roman throughout, the header and signature blocks as
 * borderless tables, page numbers at the top from page 2 (a different first
 * page), and for approved minutes the seal's hash in the text and in the
 * file's custom properties.
 */
export async function renderDocx(model: MinutesDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (model.classificationMark) {
    children.push(
      new Paragraph({
        children: textRuns([{ text: model.classificationMark, bold: true }], BODY_SIZE),
        border: {
          top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 },
          bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 },
          left: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
          right: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
        },
        // The box hugs the mark ("MẬT", "SECRET"): the paragraph is a few words wide, not the page.
        indent: { right: CONTENT_TWIPS - twipsFromPt(BODY_SIZE * 6) },
        spacing: { after: twipsFromPt(6) },
      }),
    );
  }
  if (model.draftMark) children.push(centred(model.draftMark, BODY_SIZE, true));
  if (model.header) {
    const left = Math.round(CONTENT_TWIPS * HEADER_LEFT_SHARE);
    const right = CONTENT_TWIPS - left;
    children.push(
      sideBySide(
        [
          [
            { children: model.header.left.map(paragraph), width: left },
            { children: model.header.right.map(paragraph), width: right },
          ],
        ],
        [left, right],
      ),
    );
  }
  // The body's closing lines are kept with the signatures (Word keeps a paragraph with the next, the last
  // one with the table, a row's paragraphs with the next row), so the signatures never stand alone on a page.
  const closing = model.signatures.length > 0 ? closingLinesStart(model.body) : model.body.length;
  children.push(
    ...model.title.map(paragraph),
    ...model.body.map((line, i) => paragraph(i >= closing ? { ...line, keepWithNext: true } : line)),
  );
  if (model.signatures.length > 0) {
    const width = Math.floor(CONTENT_TWIPS / model.signatures.length);
    children.push(new Paragraph({ keepNext: true }));
    // Titles in one row, names in the next: the names share a line whatever the titles' lengths. A block
    // nobody signs ("Nơi nhận:") spans both rows, so its length does not push the names down.
    children.push(
      sideBySide(
        [
          model.signatures.map((s) => ({
            children: s.titles.map((line) => paragraph({ ...line, keepWithNext: true })),
            width,
            ...(s.unsigned ? { rowSpan: 2 } : {}),
          })),
          model.signatures
            .filter((s) => !s.unsigned)
            .map((s) => ({
              children: [
                ...Array.from({ length: SIGNATURE_LINES }, () => new Paragraph({})),
                ...(s.name ? [centred(s.name, BODY_SIZE, true, !!model.verificationLine)] : []),
              ],
              width,
            })),
        ],
        model.signatures.map(() => width),
      ),
    );
  }
  if (model.verificationLine) children.push(paragraph(model.verificationLine));

  const foot = [model.classificationMark, model.draftMark].filter(Boolean).join(' · ');
  const footer = () => new Footer({ children: foot ? [centred(foot, NOTE_SIZE, true)] : [] });
  const document = new Document({
    title: model.info.title,
    subject: model.info.subject,
    creator: model.info.author,
    ...(model.seal ? { keywords: `${META_SEAL_KEY}:${model.seal.hash}` } : {}),
    customProperties: [
      { name: META_MEETING_KEY, value: model.meetingId },
      { name: META_DOCUMENT_KEY, value: model.document },
      ...(model.seal ? [{ name: META_SEAL_KEY, value: model.seal.hash }] : []),
      { name: META_TEXT_KEY, value: textDigest(docxParagraphTexts(model)) },
    ],
    styles: { default: { document: { run: { font: FONT_NAME, size: halfPoints(BODY_SIZE) } } } },
    sections: [
      {
        properties: {
          // A first page of its own: party documents carry no number on it.
          titlePage: true,
          page: {
            size: { width: twips(PAGE.widthMm), height: twips(PAGE.heightMm) },
            margin: {
              top: twips(PAGE.marginTopMm),
              bottom: twips(PAGE.marginBottomMm),
              left: twips(PAGE.marginLeftMm),
              right: twips(PAGE.marginRightMm),
              header: twips(PAGE.marginTopMm / 2),
              footer: twips(PAGE.marginBottomMm / 2),
            },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: [PageNumber.CURRENT], font: FONT_NAME, size: halfPoints(BODY_SIZE) }),
                ],
              }),
            ],
          }),
          first: new Header({ children: [] }),
        },
        footers: { default: footer(), first: footer() },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
