import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { withoutUnsaved } from '../../server/collab/durable-vector';
import { decodePeerMessages, encodePeerMessages, type PeerMessage } from '../../server/collab/peer-messages';

describe('messages between instances', () => {
  const messages: PeerMessage[] = [
    { type: 'update', seq: 42, update: Uint8Array.from([1, 2, 3]) },
    { type: 'awareness', update: Uint8Array.from([9]) },
    { type: 'committed', seq: 7 },
    { type: 'sync', stateVector: Uint8Array.from([0]), wantsReply: true },
    { type: 'sync', stateVector: Uint8Array.from([0]), wantsReply: false },
    { type: 'catch-up', update: Uint8Array.from([0, 0]) },
  ];

  it.each(messages.map((m) => [m.type, m] as const))('%s round-trips with its sender and time', (_type, message) => {
    const decoded = decodePeerMessages(encodePeerMessages('peer-1', [message], 1_700_000_000_000));
    expect(decoded).toEqual({ from: 'peer-1', sentAt: 1_700_000_000_000, messages: [message] });
  });

  it('carries a turn of messages in one publish, in order', () => {
    const decoded = decodePeerMessages(encodePeerMessages('peer-2', messages, 5));
    expect(decoded.messages).toEqual(messages);
  });

  it('refuses an unknown type and a cut message', () => {
    expect(() => decodePeerMessages(Uint8Array.from([1, 65, 0, 1, 9]))).toThrow();
    const whole = encodePeerMessages('peer-1', [{ type: 'update', seq: 1, update: new Uint8Array(10) }]);
    expect(() => decodePeerMessages(whole.slice(0, whole.length - 3))).toThrow();
    expect(() => decodePeerMessages(Uint8Array.from([1, 65, 0, 0x7f]))).toThrow();
  });
});

describe('the saved vector leaves out what is not stored', () => {
  function typed(doc: Y.Doc, text: string): Uint8Array {
    let update: Uint8Array | null = null;
    const listen = (u: Uint8Array) => (update = u);
    doc.on('update', listen);
    doc.getText('t').insert(doc.getText('t').length, text);
    doc.off('update', listen);
    return update!;
  }

  it('stops each writer where its first unsaved update starts', () => {
    const doc = new Y.Doc();
    typed(doc, 'abc');
    const unsaved = typed(doc, 'de');
    typed(doc, 'f');
    const other = new Y.Doc();
    const fromOther = typed(other, 'xyz');
    Y.applyUpdate(doc, fromOther);
    const vector = Y.decodeStateVector(withoutUnsaved(Y.encodeStateVector(doc), [unsaved, fromOther]));
    expect(vector.get(doc.clientID)).toBe(3);
    expect(vector.has(other.clientID)).toBe(false);
  });

  it('is the vector itself when nothing is unsaved', () => {
    const doc = new Y.Doc();
    typed(doc, 'abc');
    const vector = Y.encodeStateVector(doc);
    expect(withoutUnsaved(vector, [])).toBe(vector);
  });
});
