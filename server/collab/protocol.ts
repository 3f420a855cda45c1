import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
} from '../../lib/collab/messages';

/**
 * Encoding and decoding of y-websocket protocol frames. One frame carries
 * exactly one message: the 3.x client reads only the first message of a frame.
 */

export type IncomingMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' };

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/**
 * Decodes one client frame. Throws ProtocolError for a truncated frame, an
 * unknown message type or trailing bytes: a frame is one message, exactly.
 */
export function decodeMessage(frame: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(frame);
  let message: IncomingMessage;
  try {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) message = { type: 'sync-step-1', stateVector: payload };
        else if (syncType === syncProtocol.messageYjsSyncStep2) message = { type: 'sync-step-2', update: payload };
        else if (syncType === syncProtocol.messageYjsUpdate) message = { type: 'update', update: payload };
        else throw new ProtocolError(`unknown sync message type ${syncType}`);
        break;
      }
      case MESSAGE_AWARENESS:
        message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case MESSAGE_QUERY_AWARENESS:
        message = { type: 'query-awareness' };
        break;
      case MESSAGE_AUTH:
        // Clients have nothing to tell the server here; read and ignore.
        decoding.readVarUint(decoder);
        message = { type: 'auth' };
        break;
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`malformed frame: ${(error as Error).message}`);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
  return message;
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
  });

/** Sync step 2 carrying an update already encoded (a stored snapshot, say). */
export const encodeSyncStep2Update = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });

/** Whether a sync step 1 comes from a peer that has nothing yet (an encoded empty state vector). */
export const isEmptyStateVector = (stateVector: Uint8Array): boolean =>
  stateVector.length === 1 && stateVector[0] === 0;

/** Sync step 2: what `doc` has that a peer with `stateVector` lacks. */
export const encodeSyncStep2 = (doc: Y.Doc, stateVector?: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(e, doc, stateVector);
  });

export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeUpdate(e, update);
  });

export const encodeAwareness = (awarenessUpdate: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });

/** An awareness update with no entries: a harmless keep-alive every client accepts. */
export const KEEPALIVE_FRAME: Uint8Array = encodeAwareness(frame((e) => encoding.writeVarUint(e, 0)));

export const encodeSaved = (stateVector: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SAVED);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const encodeAccess = (access: 'edit' | 'read', reasonKey: string): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_ACCESS);
    encoding.writeVarString(e, access);
    encoding.writeVarString(e, reasonKey);
  });
