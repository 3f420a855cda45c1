import type { Socket } from 'node:net';
import type WebSocket from 'ws';

/**
 * Gathers what the server writes to each socket during one event-loop turn
 * into one write. A typed character reaches a reader as up to three frames
 * in the same turn (the document update, the writer's caret, the saved
 * notice of the commit that follows it), and a system call per frame per
 * socket was most of the server's CPU in the bench. The first frame of a
 * turn corks the socket; one setImmediate uncorks every corked socket, and
 * each socket flushes its frames in a single writev. Every message is still
 * its own websocket frame.
 *
 * ws keeps its socket in `_socket`, not a public field; without one (a
 * socket being set up or torn down) frames are written as they come.
 */
export function createOutbox() {
  const corked: Socket[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    for (const socket of corked.splice(0)) socket.uncork();
  }

  return {
    /** Call before each ws.send: holds the socket's writes until the end of this turn. */
    hold(ws: WebSocket): void {
      const socket = (ws as unknown as { _socket?: Socket | null })._socket;
      // ws uncorks its own cork before send() returns, so a corked socket here is one this outbox holds.
      if (process.env.EXPERIMENT_NO_OUTBOX) return;
      if (!socket || socket.writableCorked > 0 || socket.destroyed) return;
      socket.cork();
      corked.push(socket);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
