import { Node, mergeAttributes } from '@tiptap/core';

/**
 * A template hint: a short note under a section telling a new minutes-taker
 * what to record there. It is ordinary editable text, styled apart, so the
 * secretary can overwrite or delete it.
 */
export const Hint = Node.create({
  name: 'hint',
  group: 'block',
  content: 'inline*',
  defining: true,
  parseHTML() {
    return [{ tag: 'p[data-hint]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['p', mergeAttributes(HTMLAttributes, { 'data-hint': '', class: 'minutes-hint' }), 0];
  },
});
