import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { log } from '../log';

/** Longest pause between reconnection attempts while Redis is away. */
const MAX_RECONNECT_DELAY_MS = 2_000;

export type BusHandler = (data: Uint8Array) => void;

/** What the bus has done since the process started, for /metrics. */
export interface BusCounters {
  published_total: number;
  publish_failures_total: number;
  received_total: number;
  reconnects_total: number;
}

/**
 * The instances' shared line: Redis pub/sub over two connections (a
 * subscribed connection can do nothing else). Channels are named under
 * `prefix`, so several deployments, or the tests, share one Redis without
 * hearing each other.
 *
 * While Redis is away nothing waits for it: a publish fails at once (the
 * caller goes on serving its own clients, and catches up when `onReconnect`
 * fires), and subscriptions are renewed by the client when it is back.
 */
export function createRedisBus(options: { url: string; prefix: string }) {
  /** This process, among every instance on the bus (INSTANCE_ID names a host for people; this never repeats). */
  const peerId = randomUUID();
  const base: RedisOptions = {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(100 * times, MAX_RECONNECT_DELAY_MS),
    connectionName: `bienban-${peerId.slice(0, 8)}`,
  };
  // Publishes of one event-loop turn (one per document that changed) leave in one socket write:
  // written one by one, they were a third of an instance's CPU in the scale-out bench.
  const publisher = new Redis(options.url, { ...base, enableOfflineQueue: false, enableAutoPipelining: true });
  // Subscriptions made while Redis is away wait in the queue and are sent when it is back.
  const subscriber = new Redis(options.url, { ...base, autoResubscribe: true });
  const handlers = new Map<string, BusHandler>();
  const reconnectListeners: (() => void)[] = [];
  const counters: BusCounters = {
    published_total: 0,
    publish_failures_total: 0,
    received_total: 0,
    reconnects_total: 0,
  };
  let downSince: number | null = Date.now();
  let everUp = false;
  let closed = false;

  const channel = (name: string) => options.prefix + name;
  const bothReady = () => publisher.status === 'ready' && subscriber.status === 'ready';

  function noteState(): void {
    if (bothReady()) {
      if (downSince === null) return;
      const wasUp = everUp;
      downSince = null;
      everUp = true;
      log.info('redis.up', { reconnect: wasUp });
      if (wasUp) counters.reconnects_total++;
      // Documents loaded while it was away (even at start-up) catch up now.
      for (const listener of reconnectListeners) listener();
    } else if (downSince === null && !closed) {
      downSince = Date.now();
      log.warn('redis.down', {});
    }
  }
  for (const client of [publisher, subscriber]) {
    client.on('ready', noteState);
    client.on('close', noteState);
    client.on('end', noteState);
    // ioredis reports every failed attempt; the state change above is what operators need.
    client.on('error', () => undefined);
  }

  subscriber.on('messageBuffer', (name: Buffer, message: Buffer) => {
    const handler = handlers.get(name.toString());
    if (!handler) return;
    counters.received_total++;
    handler(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
  });

  return {
    peerId,

    /** Connects both clients; resolves when both are up (or rejects, and they keep trying). */
    async connect(): Promise<void> {
      await Promise.all([publisher.connect(), subscriber.connect()]);
      noteState();
    },

    /** Hears a channel. Resolves once Redis confirmed, or at once while Redis is away. */
    async subscribe(name: string, handler: BusHandler): Promise<void> {
      handlers.set(channel(name), handler);
      const done = subscriber.subscribe(channel(name));
      if (subscriber.status !== 'ready') {
        done.catch(() => undefined);
        return;
      }
      await done.catch((error: unknown) => log.warn('redis.subscribe_failed', { error: String(error) }));
    },

    unsubscribe(name: string): void {
      if (!handlers.delete(channel(name))) return;
      subscriber.unsubscribe(channel(name)).catch(() => undefined);
    },

    /**
     * Sends to every instance that hears `name`; resolves with how many
     * heard it (this one included, when it listens), or null when Redis is
     * away: the message is not kept for later.
     */
    async publish(name: string, data: Uint8Array): Promise<number | null> {
      if (publisher.status !== 'ready') {
        counters.publish_failures_total++;
        return null;
      }
      try {
        const receivers = await publisher.publish(
          channel(name),
          Buffer.from(data.buffer, data.byteOffset, data.length),
        );
        counters.published_total++;
        return receivers;
      } catch {
        counters.publish_failures_total++;
        return null;
      }
    },

    /** Runs whenever Redis becomes reachable: after an outage, and when it was away at start-up. */
    onReconnect(listener: () => void): void {
      reconnectListeners.push(listener);
    },

    /** Whether both connections are up now, and since when they are not. */
    status(): { up: boolean; downSince: number | null } {
      return { up: bothReady(), downSince };
    },

    /** A round trip to Redis, for readiness. */
    async ping(): Promise<void> {
      if (publisher.status !== 'ready') throw new Error(`redis ${publisher.status}`);
      await publisher.ping();
    },

    counters,

    async close(): Promise<void> {
      closed = true;
      handlers.clear();
      await Promise.all([publisher.quit().catch(() => undefined), subscriber.quit().catch(() => undefined)]);
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

export type RedisBus = ReturnType<typeof createRedisBus>;
