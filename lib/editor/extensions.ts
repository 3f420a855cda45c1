import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Hint } from './hint';
import { STRUCTURED_NODES } from './nodes';

/**
 * The document schema of the minutes, shared by the browser editor and the
 * server (template instantiation, projection, the update guard).
 * Collaboration extensions are added by the editor only. Undo/redo is off:
 * with Yjs, history belongs to the collaboration binding.
 */
export function minutesExtensions(): AnyExtension[] {
  return [StarterKit.configure({ undoRedo: false, link: false }), Hint, ...STRUCTURED_NODES];
}

/** The agenda's schema: plain text with headings and lists. */
export function agendaExtensions(): AnyExtension[] {
  return [StarterKit.configure({ undoRedo: false, link: false })];
}
