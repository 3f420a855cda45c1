import type { Socket } from 'node:net';
import WebSocket from 'ws';

/** FIN bit and the binary opcode: one complete binary message per frame (RFC 6455 §5.2). */
const FIN_BINARY = 0x82;

/** The websocket frame of a server-to-client binary message (never masked). */
function frameOf(message: Uint8Array): Buffer {
  const length = message.length;
  const headerLength = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FIN_BINARY;
  if (headerLength === 2) {
    frame[1] = length;
  } else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(message, headerLength);
  return frame;
}

/**
 * Writes the server's messages to the sockets, cheaply. A typed character
 * reaches each reader as up to three messages in the same event-loop turn
 * (the document update, the saved notice of the commit that follows it, the
 * writer's caret); writing each through ws.send cost a frame header, a
 * stream write and a system call per message per socket, most of the
 * server's CPU in the bench.
 *
 * Here a message sent to a whole room is framed once, and the same bytes are
 * appended to every socket. The first frame of a turn corks the socket and
 * one setImmediate uncorks them all, so each socket flushes what it got this
 * turn in a single writev. Every message is still its own websocket frame.
 *
 * ws keeps the socket in `_socket`, which its public API does not expose.
 * Frames written to it directly stay in order with ws's own (pings, close)
 * because the server never compresses, so ws never queues a frame. Without
 * a socket, frames go through ws.send.
 */
export function createOutbox() {
  const corked: Socket[] = [];
  let scheduled = false;
  // Broadcasts send one message to many sockets in a row: one remembered frame serves them all.
  let lastMessage: Uint8Array | null = null;
  let lastFrame: Buffer | null = null;

  function flush(): void {
    scheduled = false;
    for (const socket of corked.splice(0)) socket.uncork();
  }

  return {
    /** Sends one message on an open websocket. */
    send(ws: WebSocket, message: Uint8Array): void {
      const socket = (ws as unknown as { _socket?: Socket | null })._socket;
      if (!socket || socket.destroyed) {
        ws.send(message);
        return;
      }
      if (message !== lastMessage) {
        lastMessage = message;
        lastFrame = frameOf(message);
      }
      if (socket.writableCorked === 0) {
        socket.cork();
        corked.push(socket);
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      }
      socket.write(lastFrame!);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
