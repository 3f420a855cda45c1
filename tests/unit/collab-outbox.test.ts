import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createOutbox } from '../../server/collab/outbox';

interface Pair {
  server: WebSocket;
  client: WebSocket;
  received: Buffer[];
  close(): Promise<void>;
}

/** A real ws server socket and a client connected to it over loopback. */
async function connectedPair(): Promise<Pair> {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const received: Buffer[] = [];
  client.on('message', (data: Buffer) => received.push(data));
  await new Promise((resolve) => client.once('open', resolve));
  const server = await accepted;
  return {
    server,
    client,
    received,
    async close() {
      client.terminate();
      wss.close();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the collaboration outbox', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('delivers each message as its own websocket message, in order, whatever its length', async () => {
    pair = await connectedPair();
    const outbox = createOutbox();
    // The three length encodings of a frame header: 7 bits, 16 bits, 64 bits.
    const messages = [
      Uint8Array.of(0, 1, 2),
      new Uint8Array(300).fill(7),
      new Uint8Array(70_000).fill(9),
      Uint8Array.of(1),
    ];
    for (const message of messages) outbox.send(pair.server, message);
    await until(() => pair!.received.length === messages.length);
    expect(pair.received.map((m) => new Uint8Array(m))).toEqual(messages);
  });

  it('sends one broadcast message to every socket, each getting its own copy intact', async () => {
    const pairs = [await connectedPair(), await connectedPair()];
    try {
      const outbox = createOutbox();
      const message = Uint8Array.of(0, 2, 5, 1, 2, 3, 4, 5);
      for (const p of pairs) outbox.send(p.server, message);
      await until(() => pairs.every((p) => p.received.length === 1));
      for (const p of pairs) expect(new Uint8Array(p.received[0]!)).toEqual(message);
    } finally {
      for (const p of pairs) await p.close();
    }
  });

  it('writes everything a socket is sent in one event-loop turn with one system call', async () => {
    pair = await connectedPair();
    const socket = (pair.server as unknown as { _socket: Socket })._socket;
    let writes = 0;
    const writev = socket._writev!.bind(socket);
    socket._writev = (chunks, callback) => {
      writes++;
      writev(chunks, callback);
    };
    const outbox = createOutbox();
    outbox.send(pair.server, Uint8Array.of(1));
    outbox.send(pair.server, Uint8Array.of(2));
    outbox.send(pair.server, Uint8Array.of(3));
    await until(() => pair!.received.length === 3);
    expect(writes).toBe(1);
    expect(pair.received.map((m) => m[0])).toEqual([1, 2, 3]);
  });
});
