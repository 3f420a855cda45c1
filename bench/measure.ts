import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (almost always 100 on Linux). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, in ms) a process has used so far, read from
 * /proc/<pid>/stat: the server's own account, independent of the clients
 * that share the machine with it.
 */
export function processCpuMs(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const toMs = (ticks: string | undefined) => (Number(ticks) * 1000) / CLOCK_TICKS;
  return { user: toMs(fields[11]), system: toMs(fields[12]) };
}

/**
 * Write system calls a process has made so far (/proc/<pid>/io syscw: write,
 * writev, pwrite, on sockets and files alike). Counted by the kernel, so a
 * comparison of two servers' sending does not depend on how busy the machine is.
 */
export function processWriteCalls(pid: number): number {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const match = /^syscw:\s+(\d+)/m.exec(io);
  if (!match) throw new Error(`no syscw for process ${pid}`);
  return Number(match[1]);
}

/** Resident memory of a process in bytes (/proc/<pid>/status VmRSS). */
export function processRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** A growable list of samples (ms) that avoids boxing every number. */
export class Samples {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  pushAll(other: Samples): void {
    for (let i = 0; i < other.length; i++) this.push(other.data[i]!);
  }

  summary(): Percentiles {
    return percentiles(this.data.subarray(0, this.length));
  }
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a set of samples. */
export function percentiles(values: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const at = (p: number) => (n === 0 ? NaN : sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!);
  return { count: n, p50: at(50), p95: at(95), p99: at(99), max: n === 0 ? NaN : sorted[n - 1]! };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every `intervalMs` until it holds; false when `timeoutMs` passed first. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 20,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (performance.now() > deadline) return false;
    await sleep(intervalMs);
  }
}

/**
 * Waits until a process is quiet: under 5% of a core over a quarter second
 * (`cpuMs` reads its CPU time so far). False when it was not within `timeoutMs`.
 */
export async function untilQuiet(cpuMs: () => { user: number; system: number }, timeoutMs = 15_000): Promise<boolean> {
  const total = () => {
    const t = cpuMs();
    return t.user + t.system;
  };
  let last = total();
  // waitUntil asks at once: a first quarter second has to pass before there is anything to compare.
  await sleep(250);
  return waitUntil(
    () => {
      const now = total();
      const quiet = now - last < 12.5;
      last = now;
      return quiet;
    },
    timeoutMs,
    250,
  );
}

/** Runs `task` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
