import net from 'node:net';

export interface RoundRobin {
  port: number;
  wsUrl: string;
  /** Backend ports currently taking new connections. */
  setBackends(ports: readonly number[]): void;
  close(): Promise<void>;
}

/**
 * How the balancer picks a backend for a new connection: the next one in
 * turn, or by the request's path (rendezvous hashing: every connection to
 * one meeting goes to the same backend while it is there, and only that
 * backend's meetings move when it goes away).
 */
export type Routing = 'round-robin' | 'by-path';

/** FNV-1a of a string, for rendezvous hashing. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The path of an HTTP request's first line, without its query; '' when the bytes are not one. */
function requestPath(head: Buffer): string {
  const line = head.toString('latin1', 0, Math.min(head.length, 2048)).split('\r\n', 1)[0] ?? '';
  return (line.split(' ')[1] ?? '').split('?')[0]!;
}

/**
 * A TCP load balancer for tests and the bench: each new connection goes to
 * a backend chosen by `routing`, and to the next one when that one refuses
 * (an instance that was killed). Connections already open stay where they
 * are until either side closes them, as behind a real proxy.
 */
export async function startRoundRobin(
  backends: readonly number[],
  routing: Routing = 'round-robin',
): Promise<RoundRobin> {
  let ports = [...backends];
  let next = 0;
  const open = new Set<net.Socket>();

  /** The backends in the order to try them for a connection whose request starts with `head`. */
  function candidates(head: Buffer | null): number[] {
    if (routing === 'by-path' && head) {
      const path = requestPath(head);
      return [...ports].sort((a, b) => hash(`${b}|${path}`) - hash(`${a}|${path}`));
    }
    const start = next++;
    return ports.map((_, i) => ports[(start + i) % ports.length]!);
  }

  function connectTo(client: net.Socket, head: Buffer | null, order: number[]): void {
    const port = order.shift();
    if (port === undefined) {
      client.destroy();
      return;
    }
    const upstream = net.connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      if (head) upstream.write(head);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (!connected) connectTo(client, head, order);
      else client.destroy();
    });
    upstream.on('close', () => {
      if (connected) client.destroy();
    });
    client.on('close', () => upstream.destroy());
    open.add(upstream);
    upstream.on('close', () => open.delete(upstream));
  }

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    if (routing === 'round-robin') return connectTo(client, null, candidates(null));
    // The request line comes in the first bytes: read them, choose, then relay them first.
    client.once('data', (head: Buffer) => {
      client.pause();
      connectTo(client, head, candidates(head));
    });
    client.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    setBackends(list) {
      ports = [...list];
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
