'use client';

import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect } from 'react';
import { agendaExtensions } from '../../lib/editor/extensions';
import { DOC_FIELDS } from '../../lib/meeting-doc/layout';
import type { CollabSession } from '../editor/use-collab-session';
import { useI18n } from '../i18n-provider';
import { useLiveMeeting } from './live-meeting-provider';
import { useMeetingStatus } from './use-meeting-status';

/**
 * The agenda (chương trình), co-edited in the same live document as the
 * minutes. Plain text with headings and lists; no carets, since the
 * minutes editor already publishes this person's caret on the shared connection.
 */
export function AgendaEditor() {
  const { t } = useI18n();
  const { session, access, locked } = useLiveMeeting();
  // The agenda is written by those who prepare the meeting; the server refuses anyone else's change to it.
  const { manage } = useMeetingStatus();
  const editable = access === 'edit' && !locked && manage;
  if (!session?.localReady) {
    return (
      <div className="agenda-document editor-loading" aria-busy="true" data-testid="agenda-loading">
        <p>{t('editor.loading')}</p>
      </div>
    );
  }
  return <LiveAgenda key={session.doc.guid} session={session} editable={editable} />;
}

function LiveAgenda({ session, editable }: { session: CollabSession; editable: boolean }) {
  const { t } = useI18n();
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [...agendaExtensions(), Collaboration.configure({ document: session.doc, field: DOC_FIELDS.agenda })],
      editorProps: {
        attributes: { 'aria-label': t('preparation.agendaLabel'), role: 'textbox', 'aria-multiline': 'true' },
      },
    },
    [session.doc],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <div className="agenda-document" data-testid="agenda-editor" data-editable={editable ? 'true' : 'false'}>
      <EditorContent editor={editor} />
    </div>
  );
}
