'use client';

import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { EXTENSIONS_PARAM } from '../../lib/collab/messages';
import { localDocName } from '../../lib/offline';

/** How long to wait for the local copy before showing the editor anyway (IndexedDB can be disabled). */
const LOCAL_LOAD_TIMEOUT_MS = 3000;

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** True once the copy kept on this device has been loaded into `doc`. */
  localReady: boolean;
}

/** The websocket base URL on this page's own host; the provider appends "/<meetingId>". */
function collabUrl(wsPath: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${wsPath}`;
}

/**
 * One meeting's live document: a Y.Doc kept on the device (IndexedDB) and
 * synced with the server (websocket). Created in an effect and destroyed in
 * its cleanup, since React may mount twice; the editor binds to it only after
 * the local copy has loaded, so an offline reload shows the minutes at once.
 */
export function useCollabSession(meetingId: string, wsPath: string): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(localDocName(meetingId), doc);
    const provider = new WebsocketProvider(collabUrl(wsPath), meetingId, doc, {
      params: { [EXTENSIONS_PARAM]: '1' },
    });
    let active = true;
    setSession({ doc, provider, localReady: false });

    const markReady = () => {
      if (active) setSession((s) => (s && s.doc === doc && !s.localReady ? { ...s, localReady: true } : s));
    };
    const timer = window.setTimeout(markReady, LOCAL_LOAD_TIMEOUT_MS);
    local.whenSynced.then(markReady, markReady);

    return () => {
      active = false;
      window.clearTimeout(timer);
      provider.destroy();
      void local.destroy();
      doc.destroy();
      setSession(null);
    };
  }, [meetingId, wsPath]);

  return session;
}
