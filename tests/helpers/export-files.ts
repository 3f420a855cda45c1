import { strFromU8, unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';

/** Reading exported DOCX and PDF files back, as a word processor or a PDF reader would. */

/** Every letter Vietnamese writes with a mark, lower and upper case. */
export const VIETNAMESE_LOWER = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
export const VIETNAMESE = VIETNAMESE_LOWER + VIETNAMESE_LOWER.toLocaleUpperCase('vi');

/** word/document.xml and the custom properties of a DOCX. */
export function docxParts(data: Uint8Array) {
  const files = unzipSync(data);
  const part = (name: string) => (files[name] ? strFromU8(files[name]) : '');
  return { files, document: part('word/document.xml'), custom: part('docProps/custom.xml'), part };
}

/** The runs of a DOCX body: their text and properties as Word reads them. */
export function docxRuns(document: string) {
  return Array.from(document.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g), ([, run = '']) => ({
    text: Array.from(run.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g), (m) => m[1]).join(''),
    font: /<w:rFonts [^>]*w:ascii="([^"]+)"/.exec(run)?.[1] ?? null,
    size: Number(/<w:sz w:val="(\d+)"/.exec(run)?.[1] ?? NaN) / 2,
    bold: /<w:b\/>|<w:b w:val="(true|1)"\/>/.test(run),
    italic: /<w:i\/>|<w:i w:val="(true|1)"\/>/.test(run),
    underline: /<w:u w:val="single"\/>/.test(run),
  })).filter((r) => r.text.length > 0);
}

/** A DOCX page margin in millimetres. */
export const docxMargin = (document: string, side: string) =>
  Number(new RegExp(`<w:pgMar [^>]*w:${side}="(\\d+)"`).exec(document)?.[1]) / (1440 / 25.4);

/** The text of each page of a PDF. */
export const pdfPages = async (data: Uint8Array) =>
  extractText(await getDocumentProxy(new Uint8Array(data)), { mergePages: false });

/** Runs of white space as one space: PDF readers guess word gaps and line breaks. */
export const squash = (s: string) => s.replace(/\s+/g, ' ');
