import net from 'node:net';

export interface RoundRobin {
  port: number;
  wsUrl: string;
  /** Backend ports currently taking new connections. */
  setBackends(ports: readonly number[]): void;
  close(): Promise<void>;
}

/**
 * A TCP load balancer for tests and the bench: each new connection goes to
 * the next backend in turn, and to the one after it when that one refuses
 * (an instance that was killed). Connections already open stay where they
 * are until either side closes them, as behind a real proxy.
 */
export async function startRoundRobin(backends: readonly number[]): Promise<RoundRobin> {
  let ports = [...backends];
  let next = 0;
  const open = new Set<net.Socket>();

  function connectTo(client: net.Socket, attempt: number): void {
    if (ports.length === 0 || attempt >= ports.length) {
      client.destroy();
      return;
    }
    const port = ports[next++ % ports.length]!;
    const upstream = net.connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (!connected) connectTo(client, attempt + 1);
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
    connectTo(client, 0);
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
