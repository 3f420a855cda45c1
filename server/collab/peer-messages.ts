import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What instances serving the same document tell each other over its Redis
 * channel. Every publish names its sender (a process, not a host: two
 * processes on one host are two peers) and when it was sent, so receivers
 * skip their own and can measure the crossing; it carries what the sender
 * had to say about the document in one event-loop turn (a keystroke is an
 * update and a caret, a commit follows), one Redis message instead of three.
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

/** What one publish carries: the messages of one event-loop turn for one document, in order. */
export interface PeerEnvelope {
  from: string;
  sentAt: number;
  messages: PeerMessage[];
}

const TYPES = ['update', 'awareness', 'committed', 'sync', 'catch-up'] as const;

function writeMessage(encoder: encoding.Encoder, message: PeerMessage): void {
  encoding.writeVarUint(encoder, TYPES.indexOf(message.type));
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
}

function readMessage(decoder: decoding.Decoder): PeerMessage {
  const type = TYPES[decoding.readVarUint(decoder)];
  switch (type) {
    case 'update':
      return { type, seq: decoding.readVarUint(decoder), update: decoding.readVarUint8Array(decoder) };
    case 'committed':
      return { type, seq: decoding.readVarUint(decoder) };
    case 'sync':
      return {
        type,
        stateVector: decoding.readVarUint8Array(decoder),
        wantsReply: decoding.readVarUint(decoder) === 1,
      };
    case 'awareness':
    case 'catch-up':
      return { type, update: decoding.readVarUint8Array(decoder) };
    default:
      throw new Error('unknown peer message type');
  }
}

/** One publish: the sender, the time, then the messages. */
export function encodePeerMessages(from: string, messages: readonly PeerMessage[], sentAt = Date.now()): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, from);
  encoding.writeVarUint(encoder, sentAt);
  encoding.writeVarUint(encoder, messages.length);
  for (const message of messages) writeMessage(encoder, message);
  return encoding.toUint8Array(encoder);
}

/** Decodes one publish; throws on anything malformed (the caller counts and drops it). */
export function decodePeerMessages(data: Uint8Array): PeerEnvelope {
  const decoder = decoding.createDecoder(data);
  const from = decoding.readVarString(decoder);
  const sentAt = decoding.readVarUint(decoder);
  const count = decoding.readVarUint(decoder);
  // Each message takes at least two bytes: a count beyond that is a malformed publish, not a reason to allocate.
  if (count > data.length) throw new Error('peer message count beyond its length');
  const messages: PeerMessage[] = [];
  for (let i = 0; i < count; i++) messages.push(readMessage(decoder));
  return { from, sentAt, messages };
}
