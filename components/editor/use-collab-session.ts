'use client';

import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { SessionOptions } from './open-collab-session';
import type { ServerNotices } from './server-notices';

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The server's saved and access notices on this connection. */
  notices: ServerNotices;
  /** True once the copy kept on this device has been loaded into `doc`. */
  localReady: boolean;
  /** Closes the session and deletes this device's copy (after the server refused a change of it). */
  discardLocalCopy(): Promise<void>;
}

const loadSession = () => import('./open-collab-session');

// Yjs and the websocket provider are fetched as soon as the page's script runs, alongside the editor,
// rather than once the effect below asks for them.
if (typeof window !== 'undefined') void loadSession();

/**
 * One meeting's live document, opened in an effect and closed in its cleanup,
 * since React may mount twice. Yjs and its providers are imported here only
 * when the effect runs: the live panels using this hook are server-rendered,
 * and loading yjs into Next's server bundle would give the process a second
 * copy of it. Editors bind to the document once the local copy has loaded,
 * so an offline reload shows the minutes at once.
 */
export function useCollabSession(options: SessionOptions): CollabSession | null {
  const { meetingId, userId, wsPath, keepOffline } = options;
  const [session, setSession] = useState<CollabSession | null>(null);

  useEffect(() => {
    let active = true;
    let close: (() => void) | undefined;
    void loadSession().then(({ openCollabSession }) => {
      if (!active) return;
      const opened = openCollabSession({ meetingId, userId, wsPath, keepOffline }, () => {
        if (active) setSession((s) => (s && s.doc === opened.doc && !s.localReady ? { ...s, localReady: true } : s));
      });
      close = opened.close;
      setSession({
        doc: opened.doc,
        provider: opened.provider,
        notices: opened.notices,
        localReady: false,
        discardLocalCopy: opened.discardLocalCopy,
      });
    });
    return () => {
      active = false;
      close?.();
      setSession(null);
    };
  }, [meetingId, userId, wsPath, keepOffline]);

  return session;
}
