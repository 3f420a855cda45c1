import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MESSAGE_ACCESS, MESSAGE_AWARENESS, MESSAGE_SAVED, isCoveredBy } from '../../lib/collab/messages';
import {
  KEEPALIVE_FRAME,
  ProtocolError,
  decodeMessage,
  encodeAccess,
  encodeAwareness,
  encodeSaved,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../../server/collab/protocol';

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

describe('protocol frames', () => {
  it('round-trips sync step 1 with the document state vector', () => {
    const doc = docWith('abc');
    const message = decodeMessage(encodeSyncStep1(doc));
    expect(message.type).toBe('sync-step-1');
    expect(message.type === 'sync-step-1' && Y.decodeStateVector(message.stateVector)).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(doc)),
    );
  });

  it('answers a state vector with exactly the missing updates in sync step 2', () => {
    const server = docWith('hello');
    const client = new Y.Doc();
    const message = decodeMessage(encodeSyncStep2(server, Y.encodeStateVector(client)));
    expect(message.type).toBe('sync-step-2');
    if (message.type === 'sync-step-2') Y.applyUpdate(client, message.update);
    expect(client.getText('t').toString()).toBe('hello');
  });

  it('round-trips an update', () => {
    const update = Y.encodeStateAsUpdate(docWith('xyz'));
    const message = decodeMessage(encodeUpdate(update));
    expect(message).toEqual({ type: 'update', update });
  });

  it('round-trips awareness and query-awareness', () => {
    expect(decodeMessage(encodeAwareness(Uint8Array.of(0)))).toEqual({ type: 'awareness', update: Uint8Array.of(0) });
    expect(decodeMessage(Uint8Array.of(3))).toEqual({ type: 'query-awareness' });
  });

  it('makes the keep-alive an awareness message with no entries', () => {
    const decoder = decoding.createDecoder(KEEPALIVE_FRAME);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS);
    const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    expect(decoding.readVarUint(inner)).toBe(0);
  });

  it('rejects truncated frames, unknown types and trailing bytes', () => {
    expect(() => decodeMessage(Uint8Array.of())).toThrow(ProtocolError);
    expect(() => decodeMessage(Uint8Array.of(0, 2, 10, 1))).toThrow(ProtocolError);
    expect(() => decodeMessage(Uint8Array.of(77))).toThrow(/unknown message type/);
    expect(() => decodeMessage(Uint8Array.of(0, 5, 0))).toThrow(/unknown sync message type/);
    expect(() => decodeMessage(Uint8Array.of(3, 1))).toThrow(/trailing bytes/);
  });

  it('encodes the saved acknowledgement and access change for extension clients', () => {
    const doc = docWith('saved');
    const saved = decoding.createDecoder(encodeSaved(Y.encodeStateVector(doc)));
    expect(decoding.readVarUint(saved)).toBe(MESSAGE_SAVED);
    expect(Y.decodeStateVector(decoding.readVarUint8Array(saved))).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(doc)),
    );
    const access = decoding.createDecoder(encodeAccess('read', 'collab.access.readOnly'));
    expect(decoding.readVarUint(access)).toBe(MESSAGE_ACCESS);
    expect(decoding.readVarString(access)).toBe('read');
    expect(decoding.readVarString(access)).toBe('collab.access.readOnly');
  });
});

describe('saved state coverage', () => {
  it('counts a client as saved only when every clock is covered', () => {
    expect(isCoveredBy(new Map([[1, 5]]), new Map([[1, 5]]))).toBe(true);
    expect(isCoveredBy(new Map([[1, 5]]), new Map([[1, 4]]))).toBe(false);
    expect(
      isCoveredBy(
        new Map([
          [1, 5],
          [2, 1],
        ]),
        new Map([[1, 9]]),
      ),
    ).toBe(false);
    expect(isCoveredBy(new Map(), new Map())).toBe(true);
  });
});
