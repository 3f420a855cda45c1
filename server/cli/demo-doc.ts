import * as Y from 'yjs';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import type { TaskAttributes } from '../../lib/editor/nodes';
import { plainText, sectionEndIndex } from '../meeting/doc-edits';
import { CLOSING_LINE } from './demo-minutes';

/**
 * Edits the demo makes in a meeting's document where the minutes-taker would
 * type in the editor: paragraphs and task blocks, opinion text, and moving a
 * block above the closing lines.
 */

type Block = Y.XmlElement | Y.XmlText | Y.XmlHook;

function closingIndex(nodes: readonly Block[]): number {
  return nodes.findIndex(
    (n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph' && plainText(n).startsWith(CLOSING_LINE),
  );
}

/**
 * Where a block typed at the end of a section goes. The template's closing
 * lines follow its last section with no heading in between, so for that
 * section "the end" is above the closing lines, not below the signatures.
 */
function sectionInsertIndex(fragment: Y.XmlFragment, sectionId: string): number {
  const nodes = fragment.toArray();
  const end = sectionEndIndex(fragment, sectionId);
  const heading = nodes.findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('sectionId') === sectionId);
  const closing = closingIndex(nodes);
  return closing > heading && closing < end ? closing : end;
}

/** Appends a block to a section. */
export function appendToSection(doc: Y.Doc, sectionId: string, block: Y.XmlElement): void {
  const fragment = meetingDoc.minutes(doc);
  fragment.insert(sectionInsertIndex(fragment, sectionId), [block]);
}

/**
 * Moves a block the server placed below the closing lines (the last
 * section's "end" for the live operations) up above them; returns the block
 * at its final place.
 */
export function keepAboveClosing(doc: Y.Doc, block: Y.XmlElement): Y.XmlElement {
  const fragment = meetingDoc.minutes(doc);
  const nodes = fragment.toArray();
  const at = nodes.indexOf(block);
  const closing = closingIndex(nodes);
  if (at < 0 || closing < 0 || at < closing) return block;
  const moved = block.clone();
  fragment.delete(at, 1);
  fragment.insert(closing, [moved]);
  return moved;
}

/** The top-level block of a type whose attribute `key` is `value`. */
export function findBlock(doc: Y.Doc, nodeName: string, key: string, value: string): Y.XmlElement {
  const block = meetingDoc
    .minutes(doc)
    .toArray()
    .find(
      (n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === nodeName && n.getAttribute(key) === value,
    );
  if (!block) throw new Error(`no ${nodeName} block with ${key}=${value} in the minutes`);
  return block;
}

/** A block of the given type holding one run of text. */
export function textBlock(nodeName: string, text: string): Y.XmlElement {
  const block = new Y.XmlElement(nodeName);
  block.insert(0, [new Y.XmlText(text)]);
  return block;
}

/** A task block as the editor writes it: attributes as JSON values, the task's text as content. */
export function taskBlock(attrs: TaskAttributes & { id: string }, text: string): Y.XmlElement {
  const block = textBlock('task', text);
  block.setAttribute('id', attrs.id);
  // Yjs types attributes as strings by default; the editor keeps this one as a JSON array.
  block.setAttribute('assignees', attrs.assignees as unknown as string);
  if (attrs.dueDate !== null) block.setAttribute('dueDate', attrs.dueDate);
  block.setAttribute('status', attrs.status);
  return block;
}
