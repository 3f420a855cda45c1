import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The PDF's font: Tinos, metric-compatible with Times New Roman (the same
 * advance widths, so a line breaks where Word would break it), from the
 * @fontsource/tinos package, read from node_modules and embedded in every
 * PDF. Nothing is fetched at run time.
 *
 * Fontsource ships each style cut into Unicode subsets; no single file holds
 * every Vietnamese letter ("ê" is in latin, "ệ" in vietnamese, "đ" in both
 * vietnamese and latin-ext). The PDF renderer therefore picks, per
 * character, the first subset that has its glyph (SUBSETS' order), and every
 * subset used is embedded.
 */
export const SUBSETS = ['latin', 'vietnamese', 'latin-ext'] as const;
export type Subset = (typeof SUBSETS)[number];

export const STYLES = ['regular', 'bold', 'italic', 'boldItalic'] as const;
export type FontStyle = (typeof STYLES)[number];

const FILE_STYLE: Record<FontStyle, string> = {
  regular: '400-normal',
  bold: '700-normal',
  italic: '400-italic',
  boldItalic: '700-italic',
};

const require = createRequire(import.meta.url);

let cache: Map<string, Buffer> | null = null;

/** Every subset of every style as file bytes, keyed by fontKey; read once per process. */
export function fontFiles(): ReadonlyMap<string, Buffer> {
  if (cache) return cache;
  const files = new Map<string, Buffer>();
  for (const style of STYLES) {
    for (const subset of SUBSETS) {
      const path = require.resolve(`@fontsource/tinos/files/tinos-${subset}-${FILE_STYLE[style]}.woff`);
      files.set(fontKey(style, subset), readFileSync(path));
    }
  }
  cache = files;
  return files;
}

export const fontKey = (style: FontStyle, subset: Subset): string => `tinos-${style}-${subset}`;

export const styleOf = (run: { bold?: boolean | undefined; italic?: boolean | undefined }): FontStyle =>
  run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular';
