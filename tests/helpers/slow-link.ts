import net from 'node:net';

/** A link's shape: the round trip it adds and what it carries each way. */
export interface LinkProfile {
  /** Added to every round trip (half each way), in milliseconds. */
  roundTripMs: number;
  /** Bytes per second in each direction, shared by every connection through the link. */
  bytesPerSecond: number;
}

export interface SlowLink {
  /** http://127.0.0.1:<port>: the server, reached through the link. */
  url: string;
  close(): Promise<void>;
}

/**
 * One direction of the link: every chunk leaves half a round trip after it
 * arrived, and no sooner than the chunks before it have left at the link's
 * rate. Chunks go out in the order they came, one timer at a time.
 */
class Direction {
  private freeAt = 0;
  private readonly queue: { chunk: Buffer; at: number; to: net.Socket }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly profile: LinkProfile) {}

  send(chunk: Buffer, to: net.Socket): void {
    const now = Date.now();
    const transmit = (chunk.length / this.profile.bytesPerSecond) * 1000;
    this.freeAt = Math.max(this.freeAt, now) + transmit;
    this.queue.push({ chunk, at: this.freeAt + this.profile.roundTripMs / 2, to });
    this.pump();
  }

  private pump(): void {
    if (this.timer) return;
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        const due = Date.now();
        while (this.queue[0] && this.queue[0].at <= due) {
          const { chunk, to } = this.queue.shift()!;
          if (!to.destroyed) to.write(chunk);
        }
        this.pump();
      },
      Math.max(0, head.at - Date.now()),
    );
  }

  /** Resolves once everything queued for `to` has been written. */
  drained(to: net.Socket): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.queue.some((q) => q.to === to) ? setTimeout(check, 20) : resolve());
      check();
    });
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.queue.length = 0;
  }
}

/**
 * A TCP relay in front of the server that behaves like a weak mobile link:
 * latency and a rate limit on everything the browser sends and receives,
 * websocket frames included. Chromium's own network emulation (CDP
 * Network.emulateNetworkConditions) shapes a page's requests but, in the
 * Chromium these tests run (156), lets websocket frames through at full speed
 * (measured: a word typed in one browser showed in the other 0.1 s later under
 * its 400 ms profile), so co-editing "on slow 3G" needs the link shaped here.
 */
export async function startSlowLink(targetPort: number, profile: LinkProfile): Promise<SlowLink> {
  const up = new Direction(profile);
  const down = new Direction(profile);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (chunk: Buffer) => up.send(chunk, upstream));
    upstream.on('data', (chunk: Buffer) => down.send(chunk, client));
    const endAfterDrain = (direction: Direction, to: net.Socket) => () => {
      void direction.drained(to).then(() => to.end());
    };
    client.on('end', endAfterDrain(up, upstream));
    upstream.on('end', endAfterDrain(down, client));
    const destroyBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', destroyBoth);
    upstream.on('error', destroyBoth);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      up.close();
      down.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
