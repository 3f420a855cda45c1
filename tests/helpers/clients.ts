import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MINUTES_FIELD } from '../../lib/domain';
import { MESSAGE_SAVED, isCoveredBy } from '../../lib/collab/messages';
import { sendOwnPresenceOnly } from '../../components/editor/own-presence-only';

/** A WebSocket class that sends a fixed Cookie header, as a signed-in browser would. */
function webSocketWithCookie(cookie: string | null): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {});
    }
  } as typeof WebSocket;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The minutes as XML text, for comparing clients. */
  content(): string;
  /** Appends a paragraph with `text` to the minutes. */
  appendParagraph(text: string): void;
  /** Resolves once the provider has synced with the server. */
  synced(timeoutMs?: number): Promise<void>;
  /** Resolves once the server reported this client's edits as durably saved. */
  saved(timeoutMs?: number): Promise<void>;
  /** The state vector the server last reported saved (message 100). */
  savedVector(): Map<number, number>;
  /** Close events the server sent, in order. */
  closeCodes: number[];
  destroy(): void;
}

/**
 * A real y-websocket 3.x client in Node, signed in through `cookie`.
 * BroadcastChannel is disabled: lib0 polyfills it in Node, and two providers
 * in one process would otherwise sync without the server.
 */
export function connectClient(
  wsUrl: string,
  docId: string,
  cookie: string | null,
  options: { extensions?: boolean; ownPresenceOnly?: boolean } = {},
): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docId, doc, {
    WebSocketPolyfill: webSocketWithCookie(cookie) as never,
    disableBc: true,
    maxBackoffTime: 500,
    params: options.extensions === false ? {} : { ext: '1' },
  });
  // As the browser's session does (components/editor/open-collab-session.ts).
  if (options.ownPresenceOnly) sendOwnPresenceOnly(provider);
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  let savedVector = new Map<number, number>();
  const savedListeners = new Set<() => void>();
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    savedVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    for (const listener of savedListeners) listener();
  };
  const fragment = doc.getXmlFragment(MINUTES_FIELD);

  return {
    doc,
    provider,
    closeCodes,
    content: () => fragment.toString(),
    appendParagraph(text) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      fragment.push([paragraph]);
    },
    synced: (timeoutMs = 15_000) => waitFor(() => provider.synced, timeoutMs, 'client never synced'),
    saved(timeoutMs = 15_000) {
      return waitFor(
        () => isCoveredBy(Y.decodeStateVector(Y.encodeStateVector(doc)), savedVector),
        timeoutMs,
        'edits never saved',
      );
    },
    savedVector: () => new Map(savedVector),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls `condition` every 20 ms until it holds. */
export async function waitFor(condition: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves when every client holds the same minutes. */
export function converged(clients: readonly TestClient[], timeoutMs = 20_000): Promise<void> {
  return waitFor(
    () => clients.every((c) => c.content() === clients[0]!.content()),
    timeoutMs,
    'clients did not converge',
  );
}
