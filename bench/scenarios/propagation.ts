import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { MINUTES_FIELD } from '../../lib/domain';
import { connectRooms, type BenchClient } from '../clients';
import { processWriteCalls, Samples, untilQuiet, waitUntil, type Percentiles } from '../measure';
import type { BenchServer, OurServer } from '../servers';

/** After the last change, how long delivery may take before the missing ones are counted as lost. */
const DRAIN_TIMEOUT_MS = 15_000;

/** Scenarios 1–3, each with writers that move their caret (as the editor does) and without ("-doc"). */
export const PROPAGATION_KEYS = ['s1', 's1-doc', 's2', 's2-doc', 's3', 's3-doc'] as const;
export type PropagationKey = (typeof PROPAGATION_KEYS)[number];

export interface PropagationSpec {
  /** The soak's runs are keyed "soak". */
  key: PropagationKey | 'soak';
  title: string;
  rooms: number;
  clientsPerRoom: number;
  /** Changes per second of the one writer in each room. */
  rate: number;
  durationS: number;
  /**
   * The writer moves its caret (an awareness update) with every change, as
   * the editor does; without it, only the document changes, as with a paste
   * or a client that is not an editor.
   */
  cursor: boolean;
  /**
   * Grows each room's minutes before the typing starts (the soak pastes
   * paragraphs), with every client connected; not measured.
   */
  grow?: (writers: readonly BenchClient[]) => Promise<void>;
}

export interface PropagationRun {
  server: string;
  latencyMs: Percentiles;
  changes: number;
  delivered: number;
  expected: number;
  converged: boolean;
  /** Server CPU (user + system) from the first change until everything was delivered. */
  serverCpuMs: number;
  /** The part of it spent in the kernel (mostly sending on sockets). */
  serverSystemCpuMs: number;
  /** Of the server's time, what its update check took, as the server itself counted it (ours only; null for the reference). */
  updateCheckMs: number | null;
  cpuMsPer1000Delivered: number;
  /** Write system calls the server made in the same window (sockets and its database files). */
  serverWriteCalls: number;
  /** Server resident memory at the end of the load, all clients still connected. */
  serverRssBytes: number;
  /** How late the bench's own event loop ran (p99, ms): high values mean the clients, not the server, were the bottleneck. */
  benchLoopDelayP99Ms: number;
  /** CPU the bench process (all clients) used in the same window. */
  benchCpuMs: number;
  loadSeconds: number;
  /** The first room's document at the end of the run, as its writer holds it: encoded size and paragraphs of the minutes. */
  documentBytes: number;
  paragraphs: number;
}

/** The server's own count of time spent checking updates (ms), when it keeps one (ours, not the reference). */
async function checkTime(server: BenchServer): Promise<number | null> {
  if (!('metrics' in server)) return null;
  const value = (await (server as OurServer).metrics()).bienban_collab_update_check_ms_total;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The writer's paragraph: one XmlText it types into, appended to the minutes. */
function startParagraph(writer: BenchClient): Y.XmlText {
  const text = new Y.XmlText();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [text]);
  writer.doc.getXmlFragment(MINUTES_FIELD).push([paragraph]);
  return text;
}

/** How often a y-protocols client renews its presence (half the 30 s timeout). */
const PRESENCE_RENEWAL_MS = 15_000;

/**
 * Every client renews its presence 15 s after it last set it, and the room
 * hears each renewal. Clients that all joined a moment ago would renew
 * together, in a burst whose place in the measured window would depend on
 * how fast each server let them in. Spreading the ages of their presence
 * evenly over the renewal period gives both servers the steady trickle of a
 * meeting that has been going on for a while.
 */
function agePresence(clients: readonly BenchClient[]): void {
  const now = Date.now();
  clients.forEach((client, i) => {
    const { awareness } = client.provider;
    const meta = awareness.meta.get(awareness.clientID);
    if (meta) meta.lastUpdated = now - ((i + 0.5) / clients.length) * PRESENCE_RENEWAL_MS;
  });
}

const sameState = (a: BenchClient, b: BenchClient) =>
  Buffer.compare(Buffer.from(Y.encodeStateVector(a.doc)), Buffer.from(Y.encodeStateVector(b.doc))) === 0;

/**
 * One run of a propagation scenario against one server: `rooms` meetings
 * with `clientsPerRoom` real clients each; in every room one writer types
 * `rate` characters per second for `durationS` seconds, each change stamped
 * with its send time, and every other client records when it arrives.
 */
export async function runPropagation(
  server: BenchServer,
  spec: PropagationSpec,
  roomIds: readonly string[],
  cookies: readonly (string | null)[],
): Promise<{ run: PropagationRun; samples: Samples }> {
  const rooms = await connectRooms(server.wsUrl, roomIds.slice(0, spec.rooms), spec.clientsPerRoom, cookies);
  try {
    const samples = new Samples();
    let delivered = 0;
    if (spec.grow) await spec.grow(rooms.map((clients) => clients[0]!));
    const texts = rooms.map((clients) => startParagraph(clients[0]!));
    await waitUntil(() => rooms.every((clients) => clients.every((c) => sameState(c, clients[0]!))), 30_000, 50);
    // Writers type into the minutes only, one character per change, appended to their own paragraph.
    // Every client runs in this process, so the send time of the n-th character of a room is known
    // here: a receiver that sees a room's text grow to n characters records n's latency.
    const sentAt = rooms.map(() => [] as number[]);
    const startLength = texts.map((text) => text.length);
    rooms.forEach((clients, r) => {
      const writerText = texts[r]!;
      const paragraphIndex = clients[0]!.doc.getXmlFragment(MINUTES_FIELD).length - 1;
      for (const receiver of clients.slice(1)) {
        const paragraph = receiver.doc.getXmlFragment(MINUTES_FIELD).get(paragraphIndex) as Y.XmlElement;
        const text = paragraph.get(0) as Y.XmlText;
        if (text.toString() !== writerText.toString()) throw new Error('receiver does not hold the writer paragraph');
        let seen = text.length;
        text.observe((event) => {
          if (event.transaction.local) return;
          const now = performance.now();
          const length = text.length;
          for (let n = seen; n < length; n++) {
            const sent = sentAt[r]![n - startLength[r]!];
            if (sent === undefined) continue;
            samples.push(now - sent);
            delivered++;
          }
          seen = length;
        });
      }
    });
    // The server has worked off the join traffic.
    await untilQuiet(() => server.cpuMs());
    agePresence(rooms.flat());

    const period = 1000 / spec.rate;
    const perWriter = Math.round(spec.rate * spec.durationS);
    const expected = perWriter * rooms.length * (spec.clientsPerRoom - 1);
    let changes = 0;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const benchCpu0 = process.cpuUsage();
    const check0 = await checkTime(server);
    const cpu0 = server.cpuMs();
    const writes0 = processWriteCalls(server.pid);
    const start = performance.now();

    const writers = rooms.map((clients, r) => {
      const writer = clients[0]!;
      const text = texts[r]!;
      const sends = sentAt[r]!;
      // Writers are spread evenly over the period, as independent people would be.
      const offset = (r / rooms.length) * period;
      return new Promise<void>((resolve) => {
        let seq = 0;
        const tick = () => {
          sends.push(performance.now());
          text.insert(text.length, seq % 8 === 7 ? ' ' : String.fromCharCode(97 + (seq % 26)));
          if (spec.cursor) {
            const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
            writer.provider.awareness.setLocalStateField('cursor', { anchor: at, head: at });
          }
          changes++;
          seq++;
          if (seq >= perWriter) return resolve();
          setTimeout(tick, Math.max(0, start + offset + seq * period - performance.now()));
        };
        setTimeout(tick, offset);
      });
    });
    await Promise.all(writers);
    await waitUntil(() => delivered >= expected, DRAIN_TIMEOUT_MS, 5);
    const cpu1 = server.cpuMs();
    const writeCalls = processWriteCalls(server.pid) - writes0;
    const check1 = await checkTime(server);
    const systemMs = cpu1.system - cpu0.system;
    const cpuMs = cpu1.user - cpu0.user + systemMs;
    const loadSeconds = (performance.now() - start) / 1000;
    const benchCpu = process.cpuUsage(benchCpu0);
    loop.disable();
    const rss = server.rssBytes();

    const converged = await waitUntil(
      () =>
        rooms.every((clients) => {
          const minutes = clients[0]!.doc.getXmlFragment(MINUTES_FIELD).toString();
          return clients.every(
            (c) => sameState(c, clients[0]!) && c.doc.getXmlFragment(MINUTES_FIELD).toString() === minutes,
          );
        }),
      10_000,
      100,
    );
    const run: PropagationRun = {
      server: server.name,
      latencyMs: samples.summary(),
      changes,
      delivered,
      expected,
      converged,
      serverCpuMs: cpuMs,
      serverSystemCpuMs: systemMs,
      updateCheckMs: check0 !== null && check1 !== null ? check1 - check0 : null,
      cpuMsPer1000Delivered: delivered > 0 ? (cpuMs / delivered) * 1000 : NaN,
      serverWriteCalls: writeCalls,
      serverRssBytes: rss,
      benchLoopDelayP99Ms: loop.percentile(99) / 1e6,
      benchCpuMs: (benchCpu.user + benchCpu.system) / 1000,
      loadSeconds,
      documentBytes: Y.encodeStateAsUpdate(rooms[0]![0]!.doc).length,
      paragraphs: rooms[0]![0]!.doc.getXmlFragment(MINUTES_FIELD).length,
    };
    return { run, samples };
  } finally {
    for (const clients of rooms) for (const client of clients) client.destroy();
  }
}
