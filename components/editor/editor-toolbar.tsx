'use client';

import { useEditorState, type Editor } from '@tiptap/react';
import { useI18n } from '../i18n-provider';

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
  { key: 'bulletList', isActive: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
  { key: 'orderedList', isActive: (e) => e.isActive('orderedList'), run: (e) => e.chain().focus().toggleOrderedList().run() },
];

/** A few big, labelled formatting buttons: enough for minutes, nothing to get lost in. */
export function EditorToolbar({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const { t } = useI18n();
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => Object.fromEntries(ITEMS.map((item) => [item.key, item.isActive(e)])),
  });
  return (
    <div className="editor-toolbar no-print" role="toolbar" aria-label={t('editor.toolbar.label')} data-testid="editor-toolbar">
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
