import type { AnyExtension } from '@tiptap/core';
import { BulletList, OrderedList } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';
import { Hint } from './hint';
import { STRUCTURED_NODES } from './nodes';

/**
 * Lists that start only from the toolbar, never from what is typed. The
 * agenda and the minutes carry their numbers in their text ("I.", "1.",
 * "a)") as party documents do; with the input rules a typed "1. " became an
 * ordered list, the next line typed "2. Second" read "2. 2. Second", and the
 * document held the list's numbering instead of the words written. "- " did
 * the same with bullets. The node names and schema stay those of StarterKit,
 * so stored documents and the server's update guard are unaffected.
 */
const ToolbarBulletList = BulletList.extend({ addInputRules: () => [] });
const ToolbarOrderedList = OrderedList.extend({ addInputRules: () => [] });

/** Paragraphs, headings, marks and lists; undo/redo is off: with Yjs, history belongs to the collaboration binding. */
function textExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({ undoRedo: false, link: false, bulletList: false, orderedList: false }),
    ToolbarBulletList,
    ToolbarOrderedList,
  ];
}

/**
 * The document schema of the minutes, shared by the browser editor and the
 * server (template instantiation, projection, the update guard).
 * Collaboration extensions are added by the editor only. A typed "1. " stays
 * text here as in the agenda: the template's headings are numbered in their
 * text, and what is written under them is numbered the same way.
 */
export function minutesExtensions(): AnyExtension[] {
  return [...textExtensions(), Hint, ...STRUCTURED_NODES];
}

/** The agenda's schema: plain text with headings and lists. */
export function agendaExtensions(): AnyExtension[] {
  return textExtensions();
}
