import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { percentiles } from './measure';
import { PROPAGATION_KEYS } from './scenarios/propagation';
import type { BenchResults, Regression } from './summary';

export const BUDGET_FILE = path.join(import.meta.dirname, 'budget.json');
/** A figure more than this much worse than its budget is a regression. */
export const TOLERANCE = 0.1;

interface Metric {
  key: string;
  /** Differences smaller than this are noise on a shared two-core machine, whatever the percentage. */
  floor: number;
  read(results: BenchResults): number | undefined;
}

/** The figures the budget holds; lower is better for each. */
const METRICS: Metric[] = [
  ...PROPAGATION_KEYS.flatMap((key) => [
    { key: `${key}.p99RatioToReference`, floor: 0.05, read: (r: BenchResults) => r.propagation[key]?.ratio.p99 },
    { key: `${key}.cpuRatioToReference`, floor: 0.05, read: (r: BenchResults) => r.propagation[key]?.ratio.cpuPer1000 },
    { key: `${key}.p99Ms`, floor: 2, read: (r: BenchResults) => r.propagation[key]?.ours.latencyMs.p99 },
  ]),
  { key: 'documentOpen.p99Ms', floor: 5, read: (r) => r.documentOpen?.openToSyncedMs.p99 },
  { key: 'reconnectStorm.listeningToAllSyncedMs', floor: 250, read: (r) => r.reconnectStorm?.listeningToAllSyncedMs },
  { key: 'memory.perDocumentBytes', floor: 4096, read: (r) => r.memory?.ours?.perDocumentBytes },
  { key: 'memory.perConnectionBytes', floor: 4096, read: (r) => r.memory?.ours?.perConnectionBytes },
  { key: 'page.coldReadyP50Ms', floor: 50, read: (r) => r.page?.coldReadyMs.p50 },
  { key: 'page.jsGzipBytes', floor: 1024, read: (r) => r.page?.jsGzipBytes },
  { key: 'signin.distinctAccounts.probeP99Ms', floor: 10, read: (r) => r.signinStorm?.distinctAccounts.probeMs.p99 },
  {
    key: 'signin.distinctAccounts.freshProbeP99Ms',
    floor: 10,
    read: (r) => r.signinStorm?.distinctAccounts.freshProbeMs.p99,
  },
  { key: 'signin.oneAccount.probeP99Ms', floor: 10, read: (r) => r.signinStorm?.oneAccount.probeMs.p99 },
  {
    key: 'signin.distinctAccounts.allAnsweredMs',
    floor: 100,
    read: (r) => {
      const rounds = r.signinStorm?.distinctAccounts.allAnsweredMs;
      return rounds && rounds.length > 0 ? percentiles(rounds).p50 : undefined;
    },
  },
  {
    key: 'guard.typedCharacterP50Us',
    floor: 5,
    read: (r) => r.updateGuard?.cases.find((c) => c.key === 'typedCharacter')?.us.p50,
  },
];

interface BudgetFile {
  note: string;
  recordedAt: string;
  machine: BenchResults['machine'];
  figures: Record<string, number>;
}

/** Figures of this run that are more than TOLERANCE (and more than the noise floor) above the budget. */
export function findRegressions(results: BenchResults): Regression[] {
  if (!existsSync(BUDGET_FILE)) return [];
  const budget = JSON.parse(readFileSync(BUDGET_FILE, 'utf8')) as BudgetFile;
  const regressions: Regression[] = [];
  for (const metric of METRICS) {
    const value = metric.read(results);
    const allowed = budget.figures[metric.key];
    if (value === undefined || allowed === undefined || !Number.isFinite(value)) continue;
    if (value > allowed * (1 + TOLERANCE) && value - allowed > metric.floor) {
      regressions.push({ metric: metric.key, value, budget: allowed, change: value / allowed - 1 });
    }
  }
  return regressions;
}

/** Records this run's figures as the budget (npm run bench -- --write-budget). */
export function writeBudget(results: BenchResults): void {
  // A partial run (--only) keeps the figures it did not measure.
  const figures: Record<string, number> = existsSync(BUDGET_FILE)
    ? (JSON.parse(readFileSync(BUDGET_FILE, 'utf8')) as BudgetFile).figures
    : {};
  for (const metric of METRICS) {
    const value = metric.read(results);
    if (value !== undefined && Number.isFinite(value)) figures[metric.key] = Number(value.toPrecision(4));
  }
  const file: BudgetFile = {
    note: `Figures of a full \`npm run bench\` on the machine below; a run more than ${TOLERANCE * 100}% worse on any of them prints REGRESSION. Lower is better for all.`,
    recordedAt: results.finishedAt,
    machine: results.machine,
    figures,
  };
  writeFileSync(BUDGET_FILE, JSON.stringify(file, null, 2) + '\n');
}
