import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type { DocumentAccess } from '../../lib/domain';
import { MESSAGE_ACCESS, MESSAGE_SAVED } from '../../lib/collab/messages';

export interface AccessChange {
  access: Exclude<DocumentAccess, 'none'>;
  /** messages/ key of the reason, as sent by the server. */
  reasonKey: string;
}

/**
 * The last of each of the server's own notices on a connection: the state
 * vector it has saved (MESSAGE_SAVED) and the access it grants
 * (MESSAGE_ACCESS). Handlers are installed when the provider is created, so a
 * notice that arrives before the page's components have mounted is kept, not
 * lost (the server sends both right after the handshake).
 */
export interface ServerNotices {
  saved: Uint8Array | null;
  access: AccessChange | null;
  subscribe(listener: () => void): () => void;
}

export function listenForNotices(provider: WebsocketProvider): ServerNotices {
  const listeners = new Set<() => void>();
  const notices: ServerNotices = {
    saved: null,
    access: null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = () => listeners.forEach((listener) => listener());
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    notices.saved = decoding.readVarUint8Array(decoder);
    emit();
  };
  provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
    const access = decoding.readVarString(decoder);
    const reasonKey = decoding.readVarString(decoder);
    if (access !== 'edit' && access !== 'read') return;
    notices.access = { access, reasonKey };
    emit();
  };
  return notices;
}
