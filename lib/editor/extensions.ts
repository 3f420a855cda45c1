import type { AnyExtension } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Bold } from '@tiptap/extension-bold';
import { Code } from '@tiptap/extension-code';
import { CodeBlock } from '@tiptap/extension-code-block';
import { Document } from '@tiptap/extension-document';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Heading } from '@tiptap/extension-heading';
import { HorizontalRule } from '@tiptap/extension-horizontal-rule';
import { Italic } from '@tiptap/extension-italic';
import { BulletList, ListItem, ListKeymap, OrderedList } from '@tiptap/extension-list';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Strike } from '@tiptap/extension-strike';
import { Text } from '@tiptap/extension-text';
import { Underline } from '@tiptap/extension-underline';
import { Dropcursor, Gapcursor, TrailingNode } from '@tiptap/extensions';
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

/**
 * Paragraphs, headings, marks and lists: StarterKit's extensions, in its
 * order, less undo/redo (with Yjs, history belongs to the collaboration
 * binding) and links (never enabled). They are listed one by one rather than
 * configured off in StarterKit, which imports every extension it can turn on
 * and so put the link extension and its URL parser in every page with an
 * editor. The schema is StarterKit's, so stored documents and the server's
 * update guard are unaffected.
 */
function textExtensions(): AnyExtension[] {
  return [
    Bold,
    Blockquote,
    Code,
    CodeBlock,
    Document,
    Dropcursor,
    Gapcursor,
    HardBreak,
    Heading,
    HorizontalRule,
    Italic,
    ListItem,
    ListKeymap,
    Paragraph,
    Strike,
    Text,
    Underline,
    TrailingNode,
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
