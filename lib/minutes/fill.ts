import type { PMNode } from './template';

/**
 * Writes content into an instantiated template: paragraphs under sections and
 * replacements for the header and closing lines. Used for demo data and for
 * importing minutes that were written on paper; a live meeting's minutes are
 * written in the editor instead.
 */
export interface MinutesFill {
  /** Paragraphs to put under a section, keyed by the section's heading text. */
  sections?: Readonly<Record<string, readonly string[]>>;
  /** New text for top-level paragraphs (header and closing lines), keyed by how the line starts. */
  lines?: Readonly<Record<string, string>>;
  /** Removes every hint, also those of sections left as they are: a finished record has no teaching notes. */
  dropHints?: boolean;
}

/** The plain text of a node. */
export function nodeText(node: PMNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(nodeText).join('');
}

function paragraph(text: string, marks?: { type: string }[]): PMNode {
  if (text.length === 0) return { type: 'paragraph' };
  return { type: 'paragraph', content: [{ type: 'text', text, ...(marks && marks.length > 0 ? { marks } : {}) }] };
}

const isPlaceholder = (node: PMNode | undefined) =>
  node !== undefined && (node.type === 'hint' || (node.type === 'paragraph' && nodeText(node).length === 0));

/** Live blocks a template puts under a section heading; filling the section keeps them. */
const isLiveBlock = (node: PMNode | undefined) =>
  node !== undefined && (node.type === 'attendanceBlock' || node.type === 'reviewBlock');

/**
 * Returns a copy of the document with the fill applied: a filled section
 * loses its hint and empty paragraph, a replaced line keeps its style.
 * `missing` lists the keys that matched nothing, so a caller can tell when
 * an edited template no longer has a heading it expected.
 */
export function fillMinutes(doc: PMNode, fill: MinutesFill): { doc: PMNode; missing: string[] } {
  const sections = fill.sections ?? {};
  const lines = fill.lines ?? {};
  const used = new Set<string>();
  const content = doc.content ?? [];
  const out: PMNode[] = [];
  for (let i = 0; i < content.length; i++) {
    const node = content[i]!;
    const text = nodeText(node).trim();
    const paragraphs = node.type === 'heading' ? sections[text] : undefined;
    if (paragraphs) {
      used.add(text);
      out.push(node);
      while (isPlaceholder(content[i + 1]) || isLiveBlock(content[i + 1])) {
        i++;
        if (isLiveBlock(content[i])) out.push(content[i]!);
      }
      out.push(...paragraphs.map((p) => paragraph(p)));
      continue;
    }
    const lineKey = node.type === 'paragraph' ? Object.keys(lines).find((key) => text.startsWith(key)) : undefined;
    if (lineKey !== undefined) {
      used.add(lineKey);
      out.push(paragraph(lines[lineKey]!, node.content?.[0]?.marks));
      continue;
    }
    if (fill.dropHints && node.type === 'hint') continue;
    out.push(node);
  }
  const missing = [...Object.keys(sections), ...Object.keys(lines)].filter((key) => !used.has(key));
  return { doc: { ...doc, content: out }, missing };
}
