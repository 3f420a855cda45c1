'use client';

import { useEditorState, type Editor } from '@tiptap/react';
import { useI18n } from '../i18n-provider';
import { WritingShortcuts } from './writing-shortcuts';

interface ToolbarItem {
  key: string;
  isActive: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

const ITEMS: ToolbarItem[] = [
  { key: 'bold', isActive: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { key: 'italic', isActive: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  {
    key: 'heading2',
    isActive: (e) => e.isActive('heading', { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    key: 'heading3',
    isActive: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    key: 'bulletList',
    isActive: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    key: 'orderedList',
    isActive: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
];

/** A few big, labelled formatting buttons: enough for minutes, nothing to get lost in. */
export function EditorToolbar({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const { t } = useI18n();
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => Object.fromEntries(ITEMS.map((item) => [item.key, item.isActive(e)])),
  });
  return (
    <div
      className="editor-toolbar no-print"
      role="toolbar"
      aria-label={t('editor.toolbar.label')}
      data-testid="editor-toolbar"
    >
      <WritingShortcuts editor={editor} disabled={disabled} />
      <button
        type="button"
        className="button"
        disabled={disabled}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => insertTask(editor)}
        data-testid="add-task"
      >
        {t('editor.toolbar.addTask')}
      </button>
      {ITEMS.map((item) => (
        <button
          key={item.key}
          type="button"
          className="button button--secondary"
          aria-pressed={active[item.key] === true}
          disabled={disabled}
          // Keep the caret in the document: a click on the button would otherwise take focus first.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => item.run(editor)}
          data-testid={`toolbar-${item.key}`}
        >
          {t(`editor.toolbar.${item.key}`)}
        </button>
      ))}
    </div>
  );
}

/**
 * A new task of the resolution at the caret, with no assignee yet and the
 * caret inside its text. The server gives it its id as soon as it arrives.
 */
function insertTask(editor: Editor): void {
  const { $from } = editor.state.selection;
  // Inside an empty paragraph the task replaces it; elsewhere it goes after the current block.
  const emptyParagraph = $from.parent.type.name === 'paragraph' && $from.parent.content.size === 0 && $from.depth > 0;
  const at = emptyParagraph ? $from.before() : $from.depth > 0 ? $from.after() : $from.pos;
  const task = { type: 'task', attrs: { id: null, assignees: [], dueDate: null, status: 'not_started' } };
  const range = emptyParagraph ? { from: at, to: $from.after() } : at;
  editor
    .chain()
    .focus()
    .insertContentAt(range, task)
    .setTextSelection(at + 1)
    .run();
}
