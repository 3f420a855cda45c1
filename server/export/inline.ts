import { BLANK, factText, isFactName, type FactData } from '../../lib/minutes/facts';
import type { Run } from './model';

/** A ProseMirror JSON node as the sealed content and the live document hold it. */
export interface JsonNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type?: string }[];
  content?: JsonNode[];
}

const hasMark = (node: JsonNode, type: string) => (node.marks ?? []).some((m) => m.type === type);

/**
 * The inline content of a block as runs. Sealed minutes hold their facts
 * written out; a draft still holds fact nodes, drawn here from the meeting's
 * data as the editor shows them (a blank while unknown). A fact takes the
 * formatting of the text before it, as sealing does.
 */
export function runsOf(node: JsonNode, facts: FactData | null): Run[] {
  const runs: Run[] = [];
  for (const child of node.content ?? []) {
    if (child.type === 'text' && typeof child.text === 'string') {
      runs.push({
        text: child.text,
        bold: hasMark(child, 'bold'),
        italic: hasMark(child, 'italic'),
        underline: hasMark(child, 'underline'),
      });
    } else if (child.type === 'hardBreak') {
      runs.push({ text: '\n' });
    } else if (child.type === 'fact') {
      const name = child.attrs?.name;
      const lang = child.attrs?.lang === 'en' ? 'en' : 'vi';
      const text = (facts && isFactName(name) ? factText(name, lang, facts) : null) ?? BLANK;
      const before = runs.at(-1);
      runs.push({ text, bold: before?.bold ?? false, italic: before?.italic ?? false });
    } else if (child.content) {
      runs.push(...runsOf(child, facts));
    }
  }
  return mergeRuns(runs);
}

/** Adjacent runs with the same formatting as one (fewer, longer runs wrap and justify better). */
function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic && !!last.underline === !!run.underline) {
      last.text += run.text;
    } else out.push({ ...run });
  }
  return out.filter((r) => r.text.length > 0);
}

export const textOfRuns = (runs: readonly Run[]): string => runs.map((r) => r.text).join('');

/** Whether every character of a line is bold (the template's bold lines: subtitles, signature titles). */
export const allBold = (runs: readonly Run[]): boolean =>
  runs.length > 0 && runs.every((r) => r.bold || r.text.trim() === '');
