import type PDFDocument from 'pdfkit';
import * as fontkit from 'fontkit';
import { fontFiles, fontKey, styleOf, SUBSETS, STYLES, type FontStyle, type Subset } from './fonts';
import type { Line, Run } from './model';

/**
 * Line breaking and drawing for the PDF. pdfkit wraps text in one font at a
 * time, but a Vietnamese word can need two of the font's subset files ("Việt":
 * V, i, t in latin, ệ in vietnamese), so words are measured and placed here:
 * greedy line breaking, justification by widening the gaps, each piece drawn
 * at its own position in the font that has its glyphs.
 */

type Doc = InstanceType<typeof PDFDocument>;

/** Line height as a multiple of the font size: single spacing in Times is about 1.15; a little air helps reading. */
export const LINE_HEIGHT = 1.2;
/** Space after each paragraph, in points (party documents: 6 pt). */
const PARAGRAPH_AFTER = 6;

interface Piece {
  text: string;
  font: string;
  underline: boolean;
  width: number;
}

/** A word: pieces in one or more fonts, with no space inside. */
interface Word {
  pieces: Piece[];
  width: number;
  /** A hard line break follows this word. */
  breakAfter: boolean;
}

export interface LaidLine {
  words: Word[];
  /** Space left on the line, for alignment. */
  slack: number;
  /** Offset of the line from the paragraph's left edge (first-line indent). */
  offset: number;
  last: boolean;
}

export interface LaidParagraph {
  source: Line;
  lines: LaidLine[];
  lineHeight: number;
  /** Height including the space before and after. */
  height: number;
}

let coverage: Map<string, fontkit.Font> | null = null;

/** The fontkit fonts, to ask which subset file has a glyph. */
function coverageFonts(): Map<string, fontkit.Font> {
  if (coverage) return coverage;
  coverage = new Map();
  for (const [key, data] of fontFiles()) coverage.set(key, fontkit.create(data) as fontkit.Font);
  return coverage;
}

/** The first subset of a style that has the character's glyph; latin for anything none has (shown as missing). */
function subsetFor(style: FontStyle, char: string): Subset {
  const code = char.codePointAt(0) ?? 32;
  const fonts = coverageFonts();
  return SUBSETS.find((s) => fonts.get(fontKey(style, s))?.hasGlyphForCodePoint(code)) ?? 'latin';
}

/** Registers every subset of every style with the document. */
export function registerFonts(doc: Doc): void {
  for (const style of STYLES)
    for (const subset of SUBSETS) doc.registerFont(fontKey(style, subset), fontFiles().get(fontKey(style, subset))!);
}

function measure(doc: Doc, text: string, font: string, size: number): number {
  return doc.font(font).fontSize(size).widthOfString(text);
}

/** Splits runs into words, each word into pieces of one font file. Text is composed (NFC) first, as the fonts map composed letters. */
function wordsOf(doc: Doc, runs: readonly Run[], size: number): Word[] {
  const words: Word[] = [];
  let current: Word | null = null;
  const push = (char: string, run: Run) => {
    const style = styleOf(run);
    const font = fontKey(style, subsetFor(style, char));
    current ??= { pieces: [], width: 0, breakAfter: false };
    const last = current.pieces.at(-1);
    if (last && last.font === font && last.underline === !!run.underline) last.text += char;
    else current.pieces.push({ text: char, font, underline: !!run.underline, width: 0 });
  };
  const end = (breakAfter: boolean) => {
    if (current) {
      current.breakAfter = breakAfter;
      words.push(current);
    } else if (breakAfter) words.push({ pieces: [], width: 0, breakAfter: true });
    current = null;
  };
  for (const run of runs) {
    for (const char of Array.from(run.text.normalize('NFC'))) {
      if (char === '\n') end(true);
      else if (/\s/.test(char)) end(false);
      else push(char, run);
    }
  }
  end(false);
  for (const word of words) {
    for (const piece of word.pieces) piece.width = measure(doc, piece.text, piece.font, size);
    word.width = word.pieces.reduce((sum, p) => sum + p.width, 0);
  }
  return words;
}

/**
 * A word wider than a whole line (a long link, a code) is cut into pieces
 * that each fit, rather than run off the page, where no reader sees it.
 */
function splitWord(doc: Doc, word: Word, max: number, size: number): Word[] {
  if (word.width <= max) return [word];
  const parts: Word[] = [];
  let current: Word = { pieces: [], width: 0, breakAfter: false };
  for (const piece of word.pieces) {
    for (const char of Array.from(piece.text)) {
      const width = measure(doc, char, piece.font, size);
      if (current.width + width > max && current.pieces.length > 0) {
        parts.push(current);
        current = { pieces: [], width: 0, breakAfter: false };
      }
      const last = current.pieces.at(-1);
      if (last && last.font === piece.font && last.underline === piece.underline) {
        last.text += char;
        last.width += width;
      } else current.pieces.push({ text: char, font: piece.font, underline: piece.underline, width });
      current.width += width;
    }
  }
  current.breakAfter = word.breakAfter;
  parts.push(current);
  return parts;
}

const spaceWidth = (doc: Doc, size: number) => measure(doc, ' ', fontKey('regular', 'latin'), size);

/** Breaks a paragraph into lines of at most `width` points. */
export function layoutParagraph(doc: Doc, line: Line, width: number): LaidParagraph {
  const words = wordsOf(doc, line.runs, line.size);
  const space = spaceWidth(doc, line.size);
  const indent = line.indent ?? 0;
  const lines: LaidLine[] = [];
  let currentWords: Word[] = [];
  let used = 0;
  const available = () => width - indent - (lines.length === 0 ? (line.firstIndent ?? 0) : 0);
  const close = (last: boolean) => {
    const offset = indent + (lines.length === 0 ? (line.firstIndent ?? 0) : 0);
    lines.push({ words: currentWords, slack: available() - used, offset, last });
    currentWords = [];
    used = 0;
  };
  // Cut to the narrower of the first line and the others (a hanging indent makes the first one wider).
  const narrowest = width - indent - Math.max(line.firstIndent ?? 0, 0);
  for (const word of words.flatMap((w) => splitWord(doc, w, narrowest, line.size))) {
    const extra = currentWords.length > 0 ? space + word.width : word.width;
    if (currentWords.length > 0 && used + extra > available()) close(false);
    if (word.pieces.length > 0) {
      used += currentWords.length > 0 ? space + word.width : word.width;
      currentWords.push(word);
    }
    if (word.breakAfter) close(true);
  }
  if (currentWords.length > 0 || lines.length === 0) close(true);
  const lineHeight = line.size * LINE_HEIGHT;
  return {
    source: line,
    lines,
    lineHeight,
    height: (line.spaceBefore ?? 0) + lines.length * lineHeight + PARAGRAPH_AFTER,
  };
}

/** Draws one laid-out line with its left edge at x and its top at y. */
export function drawLine(doc: Doc, paragraph: LaidParagraph, laid: LaidLine, x: number, y: number): void {
  const { source } = paragraph;
  const space = spaceWidth(doc, source.size);
  const gaps = laid.words.length - 1;
  let start = x + laid.offset;
  let gap = space;
  if (source.align === 'center') start += laid.slack / 2;
  else if (source.align === 'right') start += laid.slack;
  else if (source.align === 'justify' && !laid.last && gaps > 0) gap = space + laid.slack / gaps;
  let cursor = start;
  laid.words.forEach((word, i) => {
    word.pieces.forEach((piece, j) => {
      // A real space after each word keeps the words apart when the text is copied or searched.
      const trailing = j === word.pieces.length - 1 && i < gaps ? ' ' : '';
      doc
        .font(piece.font)
        .fontSize(source.size)
        .text(piece.text + trailing, cursor, y, { lineBreak: false });
      if (piece.underline) {
        const under = y + source.size * 1.02;
        // The line runs on under the gap when the next word is underlined too, as a word processor draws it.
        const length = piece.width + (trailing && laid.words[i + 1]?.pieces[0]?.underline ? gap : 0);
        doc
          .save()
          .lineWidth(0.7)
          .moveTo(cursor, under)
          .lineTo(cursor + length, under)
          .stroke()
          .restore();
      }
      cursor += piece.width;
    });
    cursor += gap;
  });
}
