import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { EXTENSIONS_PARAM } from '../../lib/collab/messages';
import { localDocName } from '../../lib/offline';
import { sendOwnPresenceOnly } from './own-presence-only';
import { listenForNotices, type ServerNotices } from './server-notices';

/** How long to wait for the local copy before showing the editor anyway (IndexedDB can be disabled). */
const LOCAL_LOAD_TIMEOUT_MS = 3000;

export interface OpenedSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  notices: ServerNotices;
  close(): void;
  /** Closes the session and deletes this device's copy, so the next open starts from the server's. */
  discardLocalCopy(): Promise<void>;
}

export interface SessionOptions {
  meetingId: string;
  userId: string;
  wsPath: string;
  /** Whether the policy lets this user keep the meeting on the device (IndexedDB). */
  keepOffline: boolean;
}

/** The websocket base URL on this page's own host; the provider appends "/<meetingId>". */
function collabUrl(wsPath: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${wsPath}`;
}

/**
 * Opens one meeting's live document: a Y.Doc kept on the device for this
 * user (IndexedDB, when the policy allows it) and synced with the server
 * (websocket). Tabs do not sync with each other directly (BroadcastChannel
 * off): everything goes through the server, which checks it. Of presence,
 * the client sends only its own (see own-presence-only.ts).
 * `onLocalReady` runs once the copy kept on this device has been loaded, at
 * once when none is kept, or after a timeout when it cannot be loaded. This
 * module is imported only in the browser (see use-collab-session.ts).
 */
export function openCollabSession(options: SessionOptions, onLocalReady: () => void): OpenedSession {
  const doc = new Y.Doc();
  const local = options.keepOffline
    ? new IndexeddbPersistence(localDocName(options.userId, options.meetingId), doc)
    : null;
  const provider = new WebsocketProvider(collabUrl(options.wsPath), options.meetingId, doc, {
    params: { [EXTENSIONS_PARAM]: '1' },
    disableBc: true,
  });
  sendOwnPresenceOnly(provider);
  const notices = listenForNotices(provider);
  let ready = false;
  const markReady = () => {
    if (ready) return;
    ready = true;
    onLocalReady();
  };
  const timer = window.setTimeout(markReady, local ? LOCAL_LOAD_TIMEOUT_MS : 0);
  local?.whenSynced.then(markReady, markReady);
  const close = () => {
    ready = true;
    window.clearTimeout(timer);
    provider.destroy();
    void local?.destroy();
    doc.destroy();
  };
  return {
    doc,
    provider,
    notices,
    close,
    async discardLocalCopy() {
      ready = true;
      window.clearTimeout(timer);
      provider.destroy();
      await local?.clearData();
      doc.destroy();
    },
  };
}
