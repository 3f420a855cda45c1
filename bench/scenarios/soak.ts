import * as Y from 'yjs';
import { MINUTES_FIELD } from '../../lib/domain';
import type { BenchClient } from '../clients';
import { liveHeapBytes } from '../live-heap';
import { sleep, type Percentiles } from '../measure';
import type { OurServer } from '../servers';
import { runPropagation } from './propagation';

export interface SoakSpec {
  runs: number;
  rooms: number;
  clientsPerRoom: number;
  /** Characters per second of the one writer of each meeting. */
  rate: number;
  /** Paragraphs each run pastes into each meeting's minutes before its typing. */
  paragraphsPerRun: number;
  durationS: number;
  cursor: boolean;
}

export interface SoakRun {
  run: number;
  latencyMs: Percentiles;
  delivered: number;
  expected: number;
  converged: boolean;
  serverCpuMs: number;
  cpuMsPer1000Delivered: number;
  /** Server resident memory at the end of the typing, every client connected. */
  loadedRssBytes: number;
  /** After every client left and every meeting was unloaded. */
  idleRssBytes: number;
  /** V8's used heap at the same moment, as the server's /metrics reports it (NaN when it does not). */
  idleHeapUsedBytes: number;
  /** What the heap still holds after a full collection (bench/live-heap.ts; NaN when it could not be read). */
  idleLiveHeapBytes?: number;
  /**
   * Resident memory right after that full collection: without the garbage V8
   * had not collected yet (the server never collects while idle), what the
   * process keeps, in V8's heap and outside it (NaN when no collection ran).
   */
  idleRssCollectedBytes?: number;
  /** A meeting's document at the end of the run: encoded size and paragraphs of the minutes. */
  documentBytes: number;
  paragraphs: number;
  /** How late the bench's own event loop ran (p99, ms): high values mean the clients were the bottleneck. */
  benchLoopDelayP99Ms: number;
}

export interface SoakResult {
  spec: SoakSpec;
  /** Idle resident memory before the first run. */
  idleRssBeforeBytes: number;
  runs: SoakRun[];
}

/** Vietnamese minutes-like sentences, pasted in turn so every run writes the same text. */
const SENTENCES = [
  'Đồng chí Bí thư chi bộ quán triệt nghị quyết của Đảng ủy cấp trên về công tác xây dựng Đảng trong năm. ',
  'Các đảng viên thảo luận, thống nhất phân công nhiệm vụ cụ thể cho từng tổ công tác trong quý tới. ',
  'Chi bộ đánh giá kết quả thực hiện nhiệm vụ chính trị, chỉ ra những hạn chế và nguyên nhân khách quan. ',
  'Đề nghị tăng cường kiểm tra, giám sát việc thu nộp đảng phí và sinh hoạt định kỳ đúng quy định. ',
];

/** About 200 characters of minutes, varying with `n`. */
export function paragraphText(n: number): string {
  return SENTENCES[n % SENTENCES.length]! + SENTENCES[(n + 1) % SENTENCES.length]!;
}

/** Pasted this many paragraphs at a time: one update each, as a paste of a block of text is. */
const PASTE_CHUNK = 10;

/** Appends `count` paragraphs to each writer's minutes, a chunk at a time. */
export async function pasteParagraphs(writers: readonly BenchClient[], count: number, first: number): Promise<void> {
  for (let done = 0; done < count; done += PASTE_CHUNK) {
    for (const writer of writers) {
      const paragraphs = Array.from({ length: Math.min(PASTE_CHUNK, count - done) }, (_, i) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(paragraphText(first + done + i))]);
        return paragraph;
      });
      writer.doc.getXmlFragment(MINUTES_FIELD).push(paragraphs);
    }
    // Room for the server and the receivers between two pastes.
    await sleep(50);
  }
}

/**
 * The soak: `runs` runs on the same meetings, one after another. In each,
 * every client of every meeting connects, the writer of each meeting pastes
 * `paragraphsPerRun` paragraphs into its minutes, then types at `rate` for
 * `durationS` seconds while its latency to every other client and the
 * server's CPU are measured; then everyone leaves and the server unloads the
 * meetings (`untilIdle`) before the idle memory is read. A keystroke whose
 * cost does not depend on the length of the minutes shows as flat figures
 * from run to run while the documents grow.
 */
export async function runSoak(
  server: OurServer,
  spec: SoakSpec,
  roomIds: readonly string[],
  cookies: readonly string[],
  untilIdle: () => Promise<void>,
  progress: (message: string) => void,
): Promise<SoakResult> {
  await untilIdle();
  const result: SoakResult = { spec, idleRssBeforeBytes: server.rssBytes(), runs: [] };
  for (let run = 1; run <= spec.runs; run++) {
    const { run: measured } = await runPropagation(
      server,
      {
        key: 'soak',
        title: 'soak',
        rooms: spec.rooms,
        clientsPerRoom: spec.clientsPerRoom,
        rate: spec.rate,
        durationS: spec.durationS,
        cursor: spec.cursor,
        grow: (writers) => pasteParagraphs(writers, spec.paragraphsPerRun, (run - 1) * spec.paragraphsPerRun),
      },
      roomIds.slice(0, spec.rooms),
      cookies,
    );
    await untilIdle();
    const metrics = await server.metrics();
    const idleRssBytes = server.rssBytes();
    // After the figures above: the collection it forces would lower them.
    const idleLiveHeapBytes = await liveHeapBytes(server);
    const soakRun: SoakRun = {
      run,
      latencyMs: measured.latencyMs,
      delivered: measured.delivered,
      expected: measured.expected,
      converged: measured.converged,
      serverCpuMs: measured.serverCpuMs,
      cpuMsPer1000Delivered: measured.cpuMsPer1000Delivered,
      loadedRssBytes: measured.serverRssBytes,
      idleRssBytes,
      idleHeapUsedBytes: metrics.bienban_nodejs_heap_size_used_bytes ?? NaN,
      idleLiveHeapBytes,
      idleRssCollectedBytes: Number.isFinite(idleLiveHeapBytes) ? server.rssBytes() : NaN,
      documentBytes: measured.documentBytes,
      paragraphs: measured.paragraphs,
      benchLoopDelayP99Ms: measured.benchLoopDelayP99Ms,
    };
    result.runs.push(soakRun);
    progress(
      `soak run ${run}/${spec.runs}: ${soakRun.paragraphs} paragraphs, ${(soakRun.documentBytes / 1024).toFixed(0)} KiB; ` +
        `p50 ${soakRun.latencyMs.p50.toFixed(2)} ms, p99 ${soakRun.latencyMs.p99.toFixed(2)} ms, ` +
        `${soakRun.delivered}/${soakRun.expected} delivered, cpu ${soakRun.cpuMsPer1000Delivered.toFixed(1)} ms/1000, ` +
        `idle RSS ${(soakRun.idleRssBytes / 2 ** 20).toFixed(1)} MiB, heap ${(soakRun.idleHeapUsedBytes / 2 ** 20).toFixed(1)} MiB, ` +
        `live heap ${((soakRun.idleLiveHeapBytes ?? NaN) / 2 ** 20).toFixed(1)} MiB, ` +
        `RSS after the collection ${((soakRun.idleRssCollectedBytes ?? NaN) / 2 ** 20).toFixed(1)} MiB`,
    );
  }
  return result;
}
