import type { Connection } from '../../server/collab/room';

/** A room connection that only records the frames it is sent (unit tests of Room). */
export function recordingConnection(options: { id?: number; extensions?: boolean } = {}): {
  conn: Connection;
  frames: Uint8Array[];
} {
  const frames: Uint8Array[] = [];
  const conn = {
    id: options.id ?? 1,
    send: (frame: Uint8Array) => frames.push(frame),
    close: () => undefined,
    userId: 'u',
    identity: { id: 'u', name: 'U', color: '#000000' },
    access: 'edit',
    writes: new Set(['minutes']),
    extensions: options.extensions ?? false,
    tokenExp: 0,
    sessionVersion: 0,
    docId: 'd',
    lastSentAt: 0,
    awarenessIds: new Set<number>(),
    grant: () => undefined,
    heartbeat: () => undefined,
  } satisfies Connection;
  return { conn, frames };
}
