import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DocumentPeers, FanoutCounters } from './document-peers';
import type { BusCounters, RedisBus } from './redis-bus';

const BUS_COUNTERS: Record<keyof BusCounters, string> = {
  published_total: 'Messages published to Redis (updates, presence, commits, control events).',
  publish_failures_total:
    'Messages not published because Redis was away or refused them (the instance catches up later).',
  received_total: 'Messages received from Redis on channels this instance hears.',
  reconnects_total: 'Times Redis came back after being away; each starts a catch-up of every loaded document.',
};

const FANOUT_COUNTERS: Record<keyof FanoutCounters, string> = {
  updates_published_total: "Updates of this instance's clients published to the other instances.",
  updates_received_total: "Updates of other instances' clients applied here.",
  updates_adopted_total:
    'Updates of other instances stored here because their commit was never announced (an instance died, or Redis was away).',
  catch_ups_total: 'Catch-up messages applied (what a document lacked after loading or after an outage).',
  bad_messages_total: 'Messages from the bus that could not be decoded or applied.',
};

/** Bounds of the publish-to-receipt buckets (ms). */
const DELIVERY_BUCKETS_MS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/** The time from another instance's publish to this one's receipt, created before the rooms that record it. */
export function createDeliveryHistogram(): Histogram {
  return new Histogram({
    name: 'bienban_fanout_delivery_ms',
    help: "Time from another instance's publish of an update to its receipt here (ms; clocks of different hosts add their skew).",
    buckets: DELIVERY_BUCKETS_MS,
    registers: [],
  });
}

/** Registers Redis's and the fan-out's figures: whether Redis is up, since when it is not, and the counters. */
export function exposeFanoutMetrics(
  registry: Registry,
  bus: RedisBus,
  peers: DocumentPeers,
  delivery: Histogram,
): void {
  const registers = [registry];
  new Gauge({
    name: 'bienban_redis_up',
    help: 'Whether both Redis connections (publishing, subscribed) are up: 1 or 0.',
    registers,
    collect() {
      this.set(bus.status().up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'bienban_redis_down_seconds',
    help: 'How long Redis has been away (s); 0 while it is up.',
    registers,
    collect() {
      const since = bus.status().downSince;
      this.set(since === null ? 0 : (Date.now() - since) / 1000);
    },
  });
  const counter = <K extends string>(prefix: string, helps: Record<K, string>, read: (name: K) => number) => {
    for (const [name, help] of Object.entries(helps) as [K, string][]) {
      new Counter({
        name: `${prefix}${name}`,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read(name));
        },
      });
    }
  };
  counter('bienban_redis_', BUS_COUNTERS, (name) => bus.counters[name]);
  counter('bienban_fanout_', FANOUT_COUNTERS, (name) => peers.counters[name]);
  registry.registerMetric(delivery);
}
