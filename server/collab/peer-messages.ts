import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What instances serving the same document tell each other over its Redis
 * channel. Every message names its sender (a process, not a host: two
 * processes on one host are two peers) and when it was sent, so receivers
 * skip their own messages and can measure the crossing.
 */
export type PeerMessage =
  /** A change a client of the sender made; the sender stores it and announces when (`committed`). */
  | { type: 'update'; seq: number; update: Uint8Array }
  /** Presence (carets, names) of the sender's clients, already rewritten by the sender. */
  | { type: 'awareness'; update: Uint8Array }
  /** Every `update` of the sender up to `seq` is in the database. */
  | { type: 'committed'; seq: number }
  /** The sender's state vector: peers answer with what it lacks, and with their own vector when asked. */
  | { type: 'sync'; stateVector: Uint8Array; wantsReply: boolean }
  /** What a peer lacked, answered to `sync`: stored already, or held by an instance that stores it. */
  | { type: 'catch-up'; update: Uint8Array };

export interface PeerEnvelope {
  from: string;
  sentAt: number;
  message: PeerMessage;
}

const TYPES = ['update', 'awareness', 'committed', 'sync', 'catch-up'] as const;

export function encodePeerMessage(from: string, message: PeerMessage, sentAt = Date.now()): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, TYPES.indexOf(message.type));
  encoding.writeVarString(encoder, from);
  encoding.writeVarUint(encoder, sentAt);
  switch (message.type) {
    case 'update':
      encoding.writeVarUint(encoder, message.seq);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'committed':
      encoding.writeVarUint(encoder, message.seq);
      break;
    case 'sync':
      encoding.writeVarUint8Array(encoder, message.stateVector);
      encoding.writeVarUint(encoder, message.wantsReply ? 1 : 0);
      break;
    case 'awareness':
    case 'catch-up':
      encoding.writeVarUint8Array(encoder, message.update);
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes a peer message; throws on anything malformed (the caller counts and drops it). */
export function decodePeerMessage(data: Uint8Array): PeerEnvelope {
  const decoder = decoding.createDecoder(data);
  const type = TYPES[decoding.readVarUint(decoder)];
  const from = decoding.readVarString(decoder);
  const sentAt = decoding.readVarUint(decoder);
  let message: PeerMessage;
  switch (type) {
    case 'update':
      message = { type, seq: decoding.readVarUint(decoder), update: decoding.readVarUint8Array(decoder) };
      break;
    case 'committed':
      message = { type, seq: decoding.readVarUint(decoder) };
      break;
    case 'sync':
      message = {
        type,
        stateVector: decoding.readVarUint8Array(decoder),
        wantsReply: decoding.readVarUint(decoder) === 1,
      };
      break;
    case 'awareness':
    case 'catch-up':
      message = { type, update: decoding.readVarUint8Array(decoder) };
      break;
    default:
      throw new Error('unknown peer message type');
  }
  return { from, sentAt, message };
}
