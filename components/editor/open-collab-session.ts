import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { EXTENSIONS_PARAM } from '../../lib/collab/messages';
import { localDocName } from '../../lib/offline';
import { listenForNotices, type ServerNotices } from './server-notices';

/** How long to wait for the local copy before showing the editor anyway (IndexedDB can be disabled). */
const LOCAL_LOAD_TIMEOUT_MS = 3000;

export interface OpenedSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  notices: ServerNotices;
  close(): void;
}

/** The websocket base URL on this page's own host; the provider appends "/<meetingId>". */
function collabUrl(wsPath: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${wsPath}`;
}

/**
 * Opens one meeting's live document: a Y.Doc kept on the device (IndexedDB)
 * and synced with the server (websocket). `onLocalReady` runs once the copy
 * kept on this device has been loaded, or after a timeout when it cannot be.
 * This module is imported only in the browser (see use-collab-session.ts).
 */
export function openCollabSession(meetingId: string, wsPath: string, onLocalReady: () => void): OpenedSession {
  const doc = new Y.Doc();
  const local = new IndexeddbPersistence(localDocName(meetingId), doc);
  const provider = new WebsocketProvider(collabUrl(wsPath), meetingId, doc, {
    params: { [EXTENSIONS_PARAM]: '1' },
  });
  const notices = listenForNotices(provider);
  let ready = false;
  const markReady = () => {
    if (ready) return;
    ready = true;
    onLocalReady();
  };
  const timer = window.setTimeout(markReady, LOCAL_LOAD_TIMEOUT_MS);
  local.whenSynced.then(markReady, markReady);
  return {
    doc,
    provider,
    notices,
    close() {
      ready = true;
      window.clearTimeout(timer);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    },
  };
}
