import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS } from '../../lib/collab/messages';
import { PRESENCE_FANOUT_MS, Room } from '../../server/collab/room';
import { recordingConnection } from '../helpers/recording-connection';

/** The client ids whose states an awareness frame carries. */
function clientsIn(frame: Uint8Array): number[] {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS);
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const ids: number[] = [];
  for (let n = decoding.readVarUint(update); n > 0; n--) {
    ids.push(decoding.readVarUint(update));
    decoding.readVarUint(update);
    decoding.readVarString(update);
  }
  return ids;
}

/** An awareness update in which client `id` sets `state`. */
function presenceOf(id: number, clock: number, state: object): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = id;
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  awareness.meta.set(id, { clock, lastUpdated: Date.now() });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [id]);
  awareness.destroy();
  return update;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('presence fan-out', () => {
  it('sends a change after a quiet spell at once, and merges the changes that follow it into one message', async () => {
    const room = new Room('d', new Y.Doc(), 0, 0, { onUpdate: () => undefined, encodeDocUpdate: (u) => u });
    const { conn, frames } = recordingConnection();
    room.join(conn);

    awarenessProtocol.applyAwarenessUpdate(room.awareness, presenceOf(11, 1, { cursor: 1 }), null);
    expect(frames.map(clientsIn)).toEqual([[11]]);

    awarenessProtocol.applyAwarenessUpdate(room.awareness, presenceOf(11, 2, { cursor: 2 }), null);
    awarenessProtocol.applyAwarenessUpdate(room.awareness, presenceOf(12, 1, { cursor: 5 }), null);
    expect(frames).toHaveLength(1);

    await wait(PRESENCE_FANOUT_MS + 50);
    expect(frames.map(clientsIn)).toEqual([[11], [11, 12]]);
    room.awareness.destroy();
  });

  it('sends nothing once everyone has left', async () => {
    const room = new Room('d', new Y.Doc(), 0, 0, { onUpdate: () => undefined, encodeDocUpdate: (u) => u });
    const { conn, frames } = recordingConnection();
    room.join(conn);
    awarenessProtocol.applyAwarenessUpdate(room.awareness, presenceOf(21, 1, { cursor: 1 }), null);
    awarenessProtocol.applyAwarenessUpdate(room.awareness, presenceOf(21, 2, { cursor: 2 }), null);
    room.leave(conn);
    await wait(PRESENCE_FANOUT_MS + 50);
    expect(frames).toHaveLength(1);
    room.awareness.destroy();
  });
});
