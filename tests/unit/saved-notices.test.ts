import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { encodeSaved } from '../../server/collab/protocol';
import { Room, SAVED_NOTICE_DEFER_MS } from '../../server/collab/room';
import { recordingConnection } from '../helpers/recording-connection';

/** A room whose update frames are the updates themselves, so a test can tell them from notices. */
function meetingRoom() {
  const room = new Room('d', new Y.Doc(), 0, 0, { onUpdate: () => undefined, encodeDocUpdate: (u) => u });
  const writer = recordingConnection({ id: 1, extensions: true });
  const reader = recordingConnection({ id: 2, extensions: true });
  const plain = recordingConnection({ id: 3, extensions: false });
  for (const { conn } of [writer, reader, plain]) room.join(conn);
  return { room, writer, reader, plain };
}

/** Text typed into the room's document, as a client holding all of it would send it. */
function typed(room: Room, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('saved notices', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('go at once to whoever wrote the saved change, and to the others with the next frame they are sent', () => {
    const { room, writer, reader, plain } = meetingRoom();
    const first = typed(room, 'a');
    Y.applyUpdate(room.doc, first, writer.conn);
    expect(reader.frames).toEqual([first]);
    expect(writer.frames).toEqual([]);

    const saved = encodeSaved(Y.encodeStateVector(room.doc));
    room.announceSaved(saved);
    expect(writer.frames).toEqual([saved]);
    expect(reader.frames).toEqual([first]);

    const second = typed(room, 'b');
    Y.applyUpdate(room.doc, second, writer.conn);
    expect(reader.frames).toEqual([first, second, saved]);
    // A client that did not opt in never hears of notices.
    expect(plain.frames).toEqual([first, second]);

    // Nothing is owed twice.
    vi.advanceTimersByTime(SAVED_NOTICE_DEFER_MS * 2);
    expect(reader.frames).toEqual([first, second, saved]);
    room.awareness.destroy();
  });

  it('reach a connection that is sent nothing else within SAVED_NOTICE_DEFER_MS, the latest one only', () => {
    const { room, writer, reader } = meetingRoom();
    Y.applyUpdate(room.doc, typed(room, 'a'), writer.conn);
    const older = encodeSaved(Y.encodeStateVector(room.doc));
    room.announceSaved(older);
    Y.applyUpdate(room.doc, typed(room, 'b'), reader.conn);
    reader.frames.length = 0;
    writer.frames.length = 0;

    // The reader wrote this time: it hears at once; the writer, who did not, waits.
    const newer = encodeSaved(Y.encodeStateVector(room.doc));
    room.announceSaved(newer);
    expect(reader.frames).toEqual([newer]);
    vi.advanceTimersByTime(SAVED_NOTICE_DEFER_MS - 1);
    expect(writer.frames).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writer.frames).toEqual([newer]);
    room.awareness.destroy();
  });

  it('go at once to the author again while a change of theirs waits for a later commit', () => {
    const { room, writer, reader } = meetingRoom();
    Y.applyUpdate(room.doc, typed(room, 'a'), writer.conn);
    const first = encodeSaved(Y.encodeStateVector(room.doc));
    // A second change arrived while the first was committing: this notice does not cover it.
    Y.applyUpdate(room.doc, typed(room, 'b'), writer.conn);
    room.announceSaved(first, false);
    expect(writer.frames).toEqual([first]);

    const second = encodeSaved(Y.encodeStateVector(room.doc));
    room.announceSaved(second);
    expect(writer.frames).toEqual([first, second]);
    // Settled now: the next notice waits like anyone's.
    reader.frames.length = 0;
    const third = encodeSaved(Y.encodeStateVector(room.doc));
    room.announceSaved(third);
    expect(writer.frames).toEqual([first, second]);
    vi.advanceTimersByTime(SAVED_NOTICE_DEFER_MS);
    expect(writer.frames).toEqual([first, second, third]);
    expect(reader.frames).toEqual([third]);
    room.awareness.destroy();
  });

  it('are not owed to a connection that has left', () => {
    const { room, writer, reader } = meetingRoom();
    Y.applyUpdate(room.doc, typed(room, 'a'), writer.conn);
    room.announceSaved(encodeSaved(Y.encodeStateVector(room.doc)));
    reader.frames.length = 0;
    room.leave(reader.conn);
    vi.advanceTimersByTime(SAVED_NOTICE_DEFER_MS);
    expect(reader.frames).toEqual([]);
    room.awareness.destroy();
  });
});
