import * as Y from 'yjs';
import { END_SECTION_ID } from '../../lib/editor/nodes';
import { meetingDoc, type ReviewItem } from '../../lib/meeting-doc/layout';
import { BLANK, factText, isFactName, type FactData } from '../../lib/minutes/facts';

/**
 * Edits the server makes inside the minutes fragment. Sections are found by
 * the sectionId attribute of their heading; a block "in a section" goes after
 * the section's last node, before the next heading of the same or a higher
 * level, so it lands under the item being discussed.
 */

function headingLevel(node: Y.XmlElement | Y.XmlText | Y.XmlHook): number | null {
  if (!(node instanceof Y.XmlElement) || node.nodeName !== 'heading') return null;
  const level = Number(node.getAttribute('level'));
  return Number.isFinite(level) ? level : null;
}

/** The first closing line (end time, signatures): blocks never go below it. */
function isClosing(node: Y.XmlElement | Y.XmlText | Y.XmlHook): boolean {
  return node instanceof Y.XmlElement && node.getAttribute('sectionId') === END_SECTION_ID;
}

/** Index in the fragment where a block belonging to `sectionId` goes; the end of the document if the section is unknown. */
export function sectionEndIndex(fragment: Y.XmlFragment, sectionId: string | undefined): number {
  const nodes = fragment.toArray();
  const closing = nodes.findIndex(isClosing);
  if (!sectionId) return closing >= 0 ? closing : nodes.length;
  const start = nodes.findIndex(
    (n) => n instanceof Y.XmlElement && n.nodeName === 'heading' && n.getAttribute('sectionId') === sectionId,
  );
  if (start < 0) return closing >= 0 ? closing : nodes.length;
  const level = headingLevel(nodes[start]!) ?? 1;
  for (let i = start + 1; i < nodes.length; i++) {
    const node = nodes[i]!;
    const other = headingLevel(node);
    if (other !== null && other <= level) return i;
    if (isClosing(node)) return i;
  }
  return nodes.length;
}

/** Inserts a block element with attributes and optional text at the end of a section. */
export function insertInSection(
  doc: Y.Doc,
  sectionId: string | undefined,
  nodeName: string,
  attributes: Record<string, string>,
  text?: string,
): Y.XmlElement {
  const fragment = meetingDoc.minutes(doc);
  const element = new Y.XmlElement(nodeName);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text !== undefined) element.insert(0, [new Y.XmlText(text)]);
  fragment.insert(sectionEndIndex(fragment, sectionId), [element]);
  return element;
}

/** Replaces the review list when it differs from `items`; returns whether it changed. */
export function replaceReview(doc: Y.Doc, items: ReviewItem[]): boolean {
  const review = meetingDoc.review(doc);
  if (JSON.stringify(review.toArray()) === JSON.stringify(items)) return false;
  review.delete(0, review.length);
  review.insert(0, items);
  return true;
}

/** The ids of the headings (sections) in document order, with their text and level. */
export function listSections(doc: Y.Doc): { sectionId: string; title: string; level: number }[] {
  const out: { sectionId: string; title: string; level: number }[] = [];
  for (const node of meetingDoc.minutes(doc).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'heading') continue;
    const sectionId = node.getAttribute('sectionId');
    if (typeof sectionId !== 'string') continue;
    out.push({ sectionId, title: plainText(node), level: headingLevel(node) ?? 1 });
  }
  return out;
}

/** The text content of an XML node, without markup. */
export function plainText(node: Y.XmlElement | Y.XmlText | Y.XmlFragment): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, '');
  return node
    .toArray()
    .map((child) => plainText(child as Y.XmlElement | Y.XmlText))
    .join('');
}

/**
 * Takes the template's hints out of the minutes: they teach a new
 * minutes-taker what to write, and are no part of the record that is sealed.
 */
export function removeHints(doc: Y.Doc): number {
  const fragment = meetingDoc.minutes(doc);
  let removed = 0;
  for (let i = fragment.length - 1; i >= 0; i--) {
    const node = fragment.get(i);
    if (node instanceof Y.XmlElement && node.nodeName === 'hint') {
      fragment.delete(i, 1);
      removed++;
    }
  }
  return removed;
}

/**
 * Writes each fact of the minutes (chair, times, attendance…) as the text it
 * shows, when the minutes are sealed: the sealed record then reads the same
 * in every copy, print and export, whatever changes in the data afterwards.
 * The text takes the formatting of the words around it (an italic line stays
 * italic). A fact still unknown is written as the blank it shows.
 */
export function freezeFacts(doc: Y.Doc, data: FactData): number {
  let frozen = 0;
  const visit = (parent: Y.XmlElement | Y.XmlFragment) => {
    const children = parent.toArray();
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName !== 'fact') {
        visit(child);
        continue;
      }
      const name = child.getAttribute('name');
      const lang = child.getAttribute('lang') === 'en' ? 'en' : 'vi';
      const text = (isFactName(name) ? factText(name, lang, data) : null) ?? BLANK;
      parent.delete(i, 1);
      const before = children[i - 1];
      const after = children[i + 1];
      if (before instanceof Y.XmlText) {
        const last = before.toDelta().at(-1) as { attributes?: Record<string, unknown> } | undefined;
        before.insert(before.length, text, last?.attributes ?? {});
      } else if (after instanceof Y.XmlText) {
        const first = after.toDelta()[0] as { attributes?: Record<string, unknown> } | undefined;
        after.insert(0, text, first?.attributes ?? {});
      } else {
        parent.insert(i, [new Y.XmlText(text)]);
      }
      frozen++;
    }
  };
  visit(meetingDoc.minutes(doc));
  return frozen;
}
