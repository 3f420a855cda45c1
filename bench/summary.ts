import { SEARCH_QUERIES, type SearchEngineResult } from './scenarios/search';
import type { BenchOptions } from './options';
import type { PageResult } from './page';
import type { DocumentOpenResult } from './scenarios/document-open';
import type { MemoryResult } from './scenarios/memory';
import type { PropagationKey, PropagationRun, PropagationSpec } from './scenarios/propagation';
import type { SoakResult } from './scenarios/soak';
import type { ReconnectStormResult } from './scenarios/reconnect-storm';
import type { SignInStormResult } from './scenarios/sign-in-storm';
import type { StartupResult } from './scenarios/startup';
import type { ClusterResult } from './scenarios/cluster';
import type { UpdateGuardResult } from './scenarios/update-guard-cost';
import { Samples, type Percentiles } from './measure';

/** The median of a figure over the rounds, and its lowest and highest. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Median, lowest and highest of some values (NaN ones left out). */
export function spread(values: readonly number[]): Spread {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN };
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { median, min: sorted[0]!, max: sorted[n - 1]! };
}

/** Every run of one server in one propagation scenario, pooled. */
export interface PropagationSummary {
  runs: PropagationRun[];
  /** Percentiles over every delivered change of every run. */
  latencyMs: Percentiles;
  delivered: number;
  expected: number;
  converged: boolean;
  /** Total server CPU over total delivered updates, × 1000. */
  cpuMsPer1000Delivered: number;
  /** Write system calls over total delivered updates, × 1000: how many sends a delivery costs. */
  writeCallsPer1000Delivered: number;
  /** Time the server spent in its update check over total delivered updates, × 1000; null when not counted. */
  updateCheckMsPer1000Delivered: number | null;
  /** At the end of the last run. */
  serverRssBytes: number;
  /** The worst bench event-loop delay of any run: the clients' own lag. */
  benchLoopDelayP99Ms: number;
}

export interface PropagationComparison {
  spec: PropagationSpec;
  ours: PropagationSummary;
  reference: PropagationSummary;
  /** ours ÷ reference, pooled over the rounds. */
  ratio: { p99: number; cpuPer1000: number };
  /**
   * The same figures round by round (each round ran both servers one after
   * the other): their median and range, so one lucky round is not taken for
   * the figure.
   */
  rounds: {
    ours: { p99: Spread; cpuPer1000: Spread };
    reference: { p99: Spread; cpuPer1000: Spread };
    ratio: { p99: Spread; cpuPer1000: Spread };
  };
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  seconds: number;
  machine: { cpus: number; cpuModel: string; node: string; platform: string; release: string; memoryBytes: number };
  options: BenchOptions;
  /**
   * The checkout "ours" was started and seeded from (--server-dir), its commit,
   * and whether its compiled server ran or its source under tsx (known once it started).
   */
  ourServer: { dir: string; version: string; program?: 'compiled' | 'source' };
  propagation: Partial<Record<PropagationKey, PropagationComparison>>;
  /** The soak (`--only soak`): run after run on the same, growing meetings. */
  soak?: SoakResult;
  documentOpen?: DocumentOpenResult & { storedBytes: number };
  reconnectStorm?: ReconnectStormResult;
  memory?: {
    ours?: MemoryResult;
    reference?: MemoryResult;
    /** Resident memory of each server when idle after each round of scenarios 1–3 (ours: nothing loaded), right after a full collection. */
    idleRssAfterRound: { ours: number[]; reference: number[] };
    /** The live heap at the same moments (NaN where the inspector could not be reached); absent in older results. */
    idleLiveHeapAfterRound?: { ours: number[]; reference: number[] };
  };
  page?: PageResult;
  signinStorm?: SignInStormResult;
  /** Measured in the bench process, always on this checkout's code. */
  updateGuard?: UpdateGuardResult & { shareOfChangeCpu: GuardShare[] };
  targets: TargetCheck[];
  regressions: Regression[];
  /** The search bench (`--only search`): a generated archive per engine. */
  search?: SearchEngineResult[];
  /** The start-up bench (`--only startup`): each way of starting the server, timed. */
  startup?: StartupResult;
  /** The scale-out bench (`--only cluster`): one instance against several, and one instance's capacity. */
  cluster?: ClusterResult;
  /** Parts of the run that failed (the others still ran). */
  failures: string[];
}

export interface TargetCheck {
  name: string;
  value: number | null;
  target: string;
  met: boolean;
}

export interface Regression {
  metric: string;
  value: number;
  budget: number;
  /** value ÷ budget − 1. */
  change: number;
}

/** The update check of one typed character against our server's whole CPU per typed character in s1–s3. */
export interface GuardShare {
  key: PropagationSpec['key'];
  clientsPerRoom: number;
  /** Our server's CPU over the run ÷ characters typed: the check, the fan-out to every receiver, presence, persistence. */
  cpuUsPerChange: number;
  /** Mean time of one check of a typed character (the guard's first case, its fastest pass). */
  checkUs: number;
  /** checkUs ÷ cpuUsPerChange. */
  share: number;
}

/**
 * Puts the guard's cost of one typed character next to what our server
 * spends in all per typed character in each propagation scenario of the same
 * run: its CPU over the runs ÷ the characters typed, which is also
 * (CPU ms per 1,000 delivered) × (clients per room − 1) µs, each character
 * being delivered to every other client of its room.
 */
export function guardShares(
  propagation: BenchResults['propagation'],
  guard: Pick<UpdateGuardResult, 'cases'>,
): GuardShare[] {
  const typed = guard.cases.find((c) => c.key === 'typedCharacter');
  if (!typed) return [];
  return Object.values(propagation).flatMap((c) => {
    const cpuMs = c.ours.runs.reduce((sum, r) => sum + r.serverCpuMs, 0);
    const changes = c.ours.runs.reduce((sum, r) => sum + r.changes, 0);
    if (changes === 0) return [];
    const cpuUsPerChange = (cpuMs / changes) * 1000;
    return [
      {
        key: c.spec.key,
        clientsPerRoom: c.spec.clientsPerRoom,
        cpuUsPerChange,
        checkUs: typed.meanUs,
        share: typed.meanUs / cpuUsPerChange,
      },
    ];
  });
}

export function summarise(runs: PropagationRun[], samples: Samples[]): PropagationSummary {
  const pooled = new Samples();
  for (const s of samples) pooled.pushAll(s);
  const delivered = runs.reduce((sum, r) => sum + r.delivered, 0);
  const cpu = runs.reduce((sum, r) => sum + r.serverCpuMs, 0);
  return {
    runs,
    latencyMs: pooled.summary(),
    delivered,
    expected: runs.reduce((sum, r) => sum + r.expected, 0),
    converged: runs.every((r) => r.converged),
    cpuMsPer1000Delivered: delivered > 0 ? (cpu / delivered) * 1000 : NaN,
    writeCallsPer1000Delivered:
      delivered > 0 ? (runs.reduce((sum, r) => sum + r.serverWriteCalls, 0) / delivered) * 1000 : NaN,
    updateCheckMsPer1000Delivered: runs.every((r) => r.updateCheckMs !== null)
      ? (runs.reduce((sum, r) => sum + r.updateCheckMs!, 0) / delivered) * 1000
      : null,
    serverRssBytes: runs.at(-1)?.serverRssBytes ?? NaN,
    benchLoopDelayP99Ms: Math.max(...runs.map((r) => r.benchLoopDelayP99Ms)),
  };
}

export function compare(
  spec: PropagationSpec,
  ours: PropagationSummary,
  reference: PropagationSummary,
): PropagationComparison {
  const p99 = (runs: PropagationRun[]) => runs.map((r) => r.latencyMs.p99);
  const cpu = (runs: PropagationRun[]) => runs.map((r) => r.cpuMsPer1000Delivered);
  const ratios = (a: number[], b: number[]) => a.map((value, i) => value / (b[i] ?? NaN));
  return {
    spec,
    ours,
    reference,
    ratio: {
      p99: ours.latencyMs.p99 / reference.latencyMs.p99,
      cpuPer1000: ours.cpuMsPer1000Delivered / reference.cpuMsPer1000Delivered,
    },
    rounds: {
      ours: { p99: spread(p99(ours.runs)), cpuPer1000: spread(cpu(ours.runs)) },
      reference: { p99: spread(p99(reference.runs)), cpuPer1000: spread(cpu(reference.runs)) },
      ratio: {
        p99: spread(ratios(p99(ours.runs), p99(reference.runs))),
        cpuPer1000: spread(ratios(cpu(ours.runs), cpu(reference.runs))),
      },
    },
  };
}

/** The targets of the task, checked against this run. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const engine of results.search ?? []) {
    if (engine.dialect !== 'sqlite') continue;
    checks.push({
      name: `search p95 over ${SEARCH_QUERIES.length} queries, SQLite, ${engine.meetings} meetings`,
      value: engine.fts.p95,
      target: '≤ 50 ms',
      met: engine.fts.p95 <= 50,
    });
  }
  for (const [key, c] of Object.entries(results.propagation)) {
    checks.push({
      name: `${key} all updates delivered, clients converged (both servers)`,
      value: c.ours.delivered + c.reference.delivered,
      target: `= expected (${c.ours.expected + c.reference.expected}), converged`,
      met:
        c.ours.delivered === c.ours.expected &&
        c.reference.delivered === c.reference.expected &&
        c.ours.converged &&
        c.reference.converged,
    });
    checks.push({
      name: `${key} p99 propagation latency, ours ÷ reference`,
      value: c.ratio.p99,
      target: '≤ 1.00',
      met: c.ratio.p99 <= 1,
    });
    if (key.startsWith('s1') || key.startsWith('s2')) {
      checks.push({
        name: `${key} server CPU per 1,000 delivered updates, ours ÷ reference`,
        value: c.ratio.cpuPer1000,
        target: '≤ 0.75',
        met: c.ratio.cpuPer1000 <= 0.75,
      });
    }
  }
  if (results.documentOpen) {
    const open = results.documentOpen;
    checks.push({
      name: 'document open p99 (ms), cold, open → synced',
      value: open.openToSyncedMs.p99,
      target: '≤ 50',
      met: open.openToSyncedMs.p99 <= 50 && open.allCold,
    });
  }
  const page = results.page;
  if (page) {
    checks.push(
      {
        name: 'meeting page JavaScript, gzip (KiB)',
        value: page.jsGzipBytes / 1024,
        target: '≤ 200',
        met: page.jsGzipBytes <= 200 * 1024,
      },
      {
        name: 'meeting page navigation → editable p50 (ms), cold',
        value: page.coldReadyMs.p50,
        target: '≤ 1200',
        met: page.coldReadyMs.p50 <= 1200,
      },
      {
        name: 'meeting page navigation → editable p50 (ms), second visit',
        value: page.warmReadyMs.p50,
        target: '≤ 500',
        met: page.warmReadyMs.p50 <= 500,
      },
    );
    if (page.slowColdReadyMs?.count) {
      checks.push({
        name: 'meeting page navigation → editable p50 (ms), cold, slow 3G',
        value: page.slowColdReadyMs.p50,
        target: '≤ 6000',
        met: page.slowColdReadyMs.p50 <= 6000,
      });
    }
  }
  if (results.reconnectStorm) {
    const storm = results.reconnectStorm;
    checks.push({
      name: 'reconnect storm: server back up → all synced (s)',
      value: storm.listeningToAllSyncedMs / 1000,
      target: '≤ 5',
      met: storm.listeningToAllSyncedMs <= 5000,
    });
    checks.push({
      name: 'reconnect storm: failed syncs',
      value: storm.failedSyncs,
      target: '= 0',
      met: storm.failedSyncs === 0,
    });
  }
  const signin = results.signinStorm;
  if (signin) {
    const other = signin.distinctAccounts.other + signin.oneAccount.other;
    checks.push({
      name: 'sign-in storm: every attempt answered "wrong password" or refused by the limit',
      value: other,
      target: '= 0 other answers',
      met: other === 0,
    });
  }
  const soak = results.soak?.runs ?? [];
  if (soak.length >= 2) {
    // As with the rounds below: the first run also warms the server up, so the comparison starts at the second when there are three or more.
    const from = soak.length >= 3 ? 1 : 0;
    const first = soak[from]!;
    const last = soak.at(-1)!;
    const span = `run ${from + 1} → ${soak.length}, ${first.paragraphs} → ${last.paragraphs} paragraphs`;
    checks.push(
      {
        name: `soak p99 latency growth, ${span}`,
        value: last.latencyMs.p99 / first.latencyMs.p99 - 1,
        target: '≤ 25%',
        met: last.latencyMs.p99 <= first.latencyMs.p99 * 1.25,
      },
      {
        name: `soak server CPU per 1,000 delivered growth, ${span}`,
        value: last.cpuMsPer1000Delivered / first.cpuMsPer1000Delivered - 1,
        target: '≤ 25%',
        met: last.cpuMsPer1000Delivered <= first.cpuMsPer1000Delivered * 1.25,
      },
      {
        name: `soak idle memory after unload growth, ${span}`,
        value: last.idleRssBytes / first.idleRssBytes - 1,
        target: '≤ 10%',
        met: last.idleRssBytes <= first.idleRssBytes * 1.1,
      },
      // What unloaded meetings still hold, without garbage not yet collected or pages kept after freeing (older results have none).
      ...(Number.isFinite(first.idleLiveHeapBytes) && Number.isFinite(last.idleLiveHeapBytes)
        ? [
            {
              name: `soak live heap after unload growth, ${span}`,
              value: last.idleLiveHeapBytes! / first.idleLiveHeapBytes! - 1,
              target: '≤ 10%',
              met: last.idleLiveHeapBytes! <= first.idleLiveHeapBytes! * 1.1,
            },
          ]
        : []),
      // Resident memory once that garbage is collected: what the process keeps in V8's heap and outside it.
      ...(Number.isFinite(first.idleRssCollectedBytes) && Number.isFinite(last.idleRssCollectedBytes)
        ? [
            {
              name: `soak idle memory after unload and a full collection growth, ${span}`,
              value: last.idleRssCollectedBytes! / first.idleRssCollectedBytes! - 1,
              target: '≤ 10%',
              met: last.idleRssCollectedBytes! <= first.idleRssCollectedBytes! * 1.1,
            },
          ]
        : []),
      {
        name: 'soak all updates delivered, clients converged',
        value: soak.reduce((sum, r) => sum + r.delivered, 0),
        target: `= expected (${soak.reduce((sum, r) => sum + r.expected, 0)}), converged`,
        met: soak.every((r) => r.delivered === r.expected && r.converged),
      },
    );
  }
  const growth = idleGrowth(results.memory);
  if (growth) checks.push({ ...growth, target: '≤ 10%', met: growth.value <= 0.1 });
  return checks;
}

/**
 * How much more our server holds when idle after the last round of scenarios
 * 1–3 than after the first (the second, when there are three or more: the
 * first grows the heap to its working size; a leak keeps growing after it).
 * Read from the live heap after a full collection where the bench could read
 * it, since resident memory also moves with what the allocator keeps.
 */
export function idleGrowth(memory: BenchResults['memory']): { name: string; value: number } | null {
  const live = memory?.idleLiveHeapAfterRound?.ours ?? [];
  const useLive = live.length >= 2 && live.every(Number.isFinite);
  const rounds = useLive ? live : (memory?.idleRssAfterRound.ours ?? []);
  if (rounds.length < 2) return null;
  const from = rounds.length >= 3 ? 1 : 0;
  return {
    name: `ours idle ${useLive ? 'live heap' : 'memory'} growth, round ${from + 1} → ${rounds.length}`,
    value: rounds.at(-1)! / rounds[from]! - 1,
  };
}
