import { TextSelection } from '@tiptap/pm/state';
import type { Editor } from '@tiptap/react';
import { END_SECTION_ID } from '../../lib/editor/nodes';

/**
 * Moving the caret to where the minutes-taker writes next, without scrolling
 * through the document: the end of the section under discussion, or the
 * opinion block the chair just opened. The editor scrolls it into view
 * below the sticky toolbar (see scrollMargin in the minutes editor).
 */

function placeCaret(editor: Editor, pos: number): void {
  const { doc } = editor.state;
  const near = TextSelection.near(doc.resolve(Math.max(0, Math.min(pos, doc.content.size))), -1);
  editor.chain().setTextSelection(near.from).scrollIntoView().run();
  // Focused now, inside the tap: Tiptap's focus command waits a frame, so the
  // first letters typed right after the tap would go to the button, and a
  // phone opens its keyboard only for a focus made by the tap itself.
  editor.view.focus();
}

/** The caret at the end of the section whose heading carries `sectionId`; false when there is no such heading. */
export function jumpToSectionEnd(editor: Editor, sectionId: string): boolean {
  const { doc } = editor.state;
  let start = -1;
  let level = 0;
  let end = doc.content.size;
  doc.forEach((node, offset) => {
    if (end !== doc.content.size) return;
    if (start < 0) {
      if (node.type.name === 'heading' && node.attrs.sectionId === sectionId) {
        start = offset;
        level = Number(node.attrs.level) || 1;
      }
      return;
    }
    const closes = node.attrs.sectionId === END_SECTION_ID;
    const nextSection = node.type.name === 'heading' && (Number(node.attrs.level) || 1) <= level;
    if (closes || nextSection) end = offset;
  });
  if (start < 0) return false;
  placeCaret(editor, end);
  return true;
}

/** The caret at the end of the block of type `typeName` whose id is `id`; false when it is not there (yet). */
export function jumpToBlock(editor: Editor, typeName: string, id: string): boolean {
  let found = -1;
  editor.state.doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (node.type.name === typeName && node.attrs.id === id) {
      found = pos + node.nodeSize - 1;
      return false;
    }
    return true;
  });
  if (found < 0) return false;
  placeCaret(editor, found);
  return true;
}
