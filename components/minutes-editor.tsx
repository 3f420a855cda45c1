'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, type ReactNode } from 'react';
import { userColor } from '../lib/collab/user-color';
import { MINUTES_FIELD } from '../lib/domain';
import { EditorStatus } from './editor/editor-status';
import { EditorToolbar } from './editor/editor-toolbar';
import { browserMinutesExtensions } from './editor/nodes/browser-extensions';
import { EditableContext } from './editor/nodes/editable-context';
import type { CollabSession } from './editor/use-collab-session';
import { useConnection } from './editor/use-connection';
import { usePresence } from './editor/use-presence';
import { useSaved } from './editor/use-saved';
import { useI18n } from './i18n-provider';
import { useLiveMeeting } from './meeting/live-meeting-provider';

/**
 * The live minutes of the page's meeting: co-edited through the collaboration
 * server, kept on the device for offline work, with the connection, save
 * state and the people present always in view. The document itself is
 * opened once for the page (LiveMeetingProvider) and shared with the panels.
 */
export function MinutesEditor() {
  const { t, has } = useI18n();
  const { view, session, access, accessReasonKey, locked } = useLiveMeeting();
  const provider = session?.provider ?? null;
  const connection = useConnection(provider);
  const saved = useSaved(session, view.me.id, view.id);
  const users = usePresence(provider);

  const lostAccess = connection.stopped && !connection.expired;
  const editable = access === 'edit' && !locked && !lostAccess;
  const readOnlyKey = locked
    ? 'collab.access.locked'
    : access === 'read' && accessReasonKey && has(accessReasonKey)
      ? accessReasonKey
      : 'editor.readOnly';
  const signInHref = `/signin?${new URLSearchParams({ reason: 'expired', callbackUrl: `/meetings/${view.id}` }).toString()}`;

  const status = (
    <EditorStatus connection={connection.status} saved={saved} expired={connection.expired} users={users} />
  );
  const notices = (
    <>
      {connection.expired && (
        <div className="notice notice--warning" role="alert" data-testid="session-expired">
          <p>{t('collab.closed.unauthorized')}</p>
          <p>
            <a href={signInHref} className="button" data-testid="sign-in-again">
              {t('editor.signInAgain')}
            </a>
          </p>
        </div>
      )}
      {!connection.expired && connection.reasonKey && (
        <div className="notice notice--error" role="alert" data-testid="connection-problem">
          <p>{t(connection.reasonKey)}</p>
          {connection.refused && session && (
            <p>
              <button
                type="button"
                className="button"
                onClick={() => void session.discardLocalCopy().then(() => window.location.reload())}
                data-testid="reload-from-server"
              >
                {t('editor.reloadFromServer')}
              </button>
            </p>
          )}
        </div>
      )}
      {!editable && !lostAccess && (
        <div className="notice" role="status" data-testid="read-only-notice">
          <p>{t(readOnlyKey)}</p>
        </div>
      )}
    </>
  );

  return (
    <div className="editor-shell">
      {session?.localReady ? (
        <LiveEditor
          key={session.doc.guid}
          session={session}
          user={view.me}
          editable={editable}
          status={status}
          notices={notices}
        />
      ) : (
        <>
          <div className="editor-sticky">{status}</div>
          {notices}
          <div className="minutes-document editor-loading" aria-busy="true" data-testid="minutes-loading">
            <p>{t('editor.loading')}</p>
          </div>
        </>
      )}
    </div>
  );
}

interface LiveEditorProps {
  session: CollabSession;
  user: { id: string; name: string };
  editable: boolean;
  /** The status bar, kept in one sticky block with the toolbar so neither hides the other. */
  status: ReactNode;
  notices: ReactNode;
}

/** The Tiptap editor bound to the session's document; mounted once the local copy is loaded. */
function LiveEditor({ session, user, editable, status, notices }: LiveEditorProps) {
  const { t } = useI18n();
  const { doc, provider } = session;
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        ...browserMinutesExtensions(),
        Collaboration.configure({ document: doc, field: MINUTES_FIELD }),
        CollaborationCaret.configure({ provider, user: { id: user.id, name: user.name, color: userColor(user.id) } }),
      ],
      editorProps: {
        attributes: { 'aria-label': t('editor.documentLabel'), role: 'textbox', 'aria-multiline': 'true' },
        // The caret is kept clear of the sticky toolbar above and the phone's tab bar below.
        scrollMargin: { top: 160, bottom: 96, left: 8, right: 8 },
        scrollThreshold: { top: 160, bottom: 96, left: 8, right: 8 },
      },
    },
    [doc, provider],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <>
      <div className="editor-sticky">
        {status}
        {editor && editable && <EditorToolbar editor={editor} disabled={!editable} />}
      </div>
      {notices}
      <div className="minutes-document" data-testid="minutes-editor" data-editable={editable ? 'true' : 'false'}>
        <EditableContext.Provider value={editable}>
          <EditorContent editor={editor} />
        </EditableContext.Provider>
      </div>
    </>
  );
}
