import { BLANK, factText, isFactName, type FactData } from './facts';

/**
 * The lines of the minutes that still hold a blank ("…"): a fact the meeting
 * does not know yet, or a template blank nobody typed over. Sealing lists
 * them and asks before going on. Hints are left out: they are guidance,
 * removed from the record when it is sealed.
 *
 * Works on the live document's XML types (the server's Y.Doc, or the
 * browser's) through the few methods it needs, so it loads no Yjs of its own.
 */
export interface XmlLike {
  nodeName?: string;
  getAttribute?(name: string): unknown;
  toArray?(): readonly object[];
  toDelta?(): { insert?: unknown }[];
}

const children = (node: XmlLike) => (node.toArray?.() ?? []) as XmlLike[];

function textOf(node: XmlLike, facts: FactData): string {
  if (typeof node.toDelta === 'function' && node.nodeName === undefined) {
    return node
      .toDelta()
      .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('');
  }
  if (node.nodeName === 'hint') return '';
  if (node.nodeName === 'fact') {
    const name = node.getAttribute?.('name');
    const lang = node.getAttribute?.('lang') === 'en' ? 'en' : 'vi';
    return (isFactName(name) ? factText(name, lang, facts) : null) ?? BLANK;
  }
  // Text and inline nodes run on; blocks inside blocks (list items) are set apart by a space.
  return children(node)
    .map((child) => {
      const inline = child.nodeName === undefined || INLINE.has(child.nodeName);
      return (inline ? '' : ' ') + textOf(child, facts);
    })
    .join('');
}

const INLINE = new Set(['fact', 'hardBreak']);

/** The text of every block of the minutes that still holds a blank, in document order. */
export function openBlanks(minutes: XmlLike, facts: FactData): string[] {
  const lines: string[] = [];
  for (const block of children(minutes)) {
    if (block.nodeName === 'hint') continue;
    const text = textOf(block, facts).replace(/\s+/g, ' ').trim();
    if (text.includes(BLANK) || text.includes('...')) lines.push(text.length > 160 ? `${text.slice(0, 157)}…` : text);
  }
  return lines;
}
