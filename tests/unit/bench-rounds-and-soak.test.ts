import { describe, expect, it } from 'vitest';
import { parseOptions, selected } from '../../bench/options';
import type { PropagationRun, PropagationSpec } from '../../bench/scenarios/propagation';
import { memoryGrowth } from '../../bench/scenarios/memory';
import type { SoakRun } from '../../bench/scenarios/soak';
import {
  checkTargets,
  compare,
  idleGrowth,
  spread,
  type BenchResults,
  type PropagationSummary,
} from '../../bench/summary';

const env = { NODE_ENV: 'test' } as NodeJS.ProcessEnv;

describe('the bench: rounds, document-only variants and the soak', () => {
  it('runs both variants of scenarios 1–3 by default, and the soak only when asked', () => {
    const all = parseOptions([], env);
    for (const part of ['s1', 's1-doc', 's2', 's2-doc', 's3', 's3-doc'] as const)
      expect(selected(all, part)).toBe(true);
    expect(selected(all, 'soak')).toBe(false);
    const soak = parseOptions(['--only', 'soak', '--soak-runs', '12', '--soak-paragraphs=150'], env);
    expect(selected(soak, 'soak')).toBe(true);
    expect(selected(soak, 's1')).toBe(false);
    expect(soak).toMatchObject({ soakRuns: 12, soakParagraphs: 150 });
  });

  it('gives the median and the range of a figure over the rounds', () => {
    expect(spread([26, 79, 70])).toEqual({ median: 70, min: 26, max: 79 });
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(spread([NaN, 5])).toEqual({ median: 5, min: 5, max: 5 });
  });

  it('sets each round of ours against the same round of the reference', () => {
    const run = (p99: number, cpu: number) =>
      ({ latencyMs: { p99 }, cpuMsPer1000Delivered: cpu }) as unknown as PropagationRun;
    const summary = (runs: PropagationRun[]) => ({ runs, latencyMs: { p99: 1 }, cpuMsPer1000Delivered: 1 });
    const ours = summary([run(10, 50), run(30, 60), run(20, 40)]) as unknown as PropagationSummary;
    const reference = summary([run(20, 100), run(20, 100), run(10, 100)]) as unknown as PropagationSummary;
    const c = compare({ key: 's1-doc' } as PropagationSpec, ours, reference);
    expect(c.rounds.ours.p99).toEqual({ median: 20, min: 10, max: 30 });
    expect(c.rounds.ratio.p99).toEqual({ median: 1.5, min: 0.5, max: 2 });
    expect(c.rounds.ratio.cpuPer1000).toEqual({ median: 0.5, min: 0.4, max: 0.6 });
  });

  it('holds the soak to flat latency, CPU and idle memory from its second run on', () => {
    const soakRun = (run: number, p99: number, cpu: number, idleMiB: number) =>
      ({
        run,
        paragraphs: run * 150,
        latencyMs: { p99 },
        cpuMsPer1000Delivered: cpu,
        idleRssBytes: idleMiB * 2 ** 20,
        delivered: 10,
        expected: 10,
        converged: true,
      }) as unknown as SoakRun;
    const results = {
      propagation: {},
      soak: { runs: [soakRun(1, 60, 200, 180), soakRun(2, 26, 100, 187), soakRun(3, 75, 105, 280)] },
    } as unknown as BenchResults;
    const checks = checkTargets(results);
    const met = Object.fromEntries(checks.map((c) => [c.name.split(',')[0], c.met]));
    expect(met).toEqual({
      'soak p99 latency growth': false,
      'soak server CPU per 1': true,
      'soak idle memory after unload growth': false,
      'soak all updates delivered': true,
    });
    expect(checks[0]!.name).toContain('run 2 → 3, 300 → 450 paragraphs');
  });

  it('tells memory kept after unload from garbage not yet collected, when the soak could collect it', () => {
    const soakRun = (run: number, idleMiB: number, liveMiB: number, collectedMiB: number) =>
      ({
        run,
        paragraphs: run * 150,
        latencyMs: { p99: 10 },
        cpuMsPer1000Delivered: 100,
        idleRssBytes: idleMiB * 2 ** 20,
        idleLiveHeapBytes: liveMiB * 2 ** 20,
        idleRssCollectedBytes: collectedMiB * 2 ** 20,
        delivered: 10,
        expected: 10,
        converged: true,
      }) as unknown as SoakRun;
    const checksOf = (runs: SoakRun[]) =>
      Object.fromEntries(
        checkTargets({ propagation: {}, soak: { runs } } as unknown as BenchResults).map((c) => [
          c.name.split(',')[0],
          c.met,
        ]),
      );
    // Resident memory grew by a third while idle, but a full collection gives it back.
    const garbage = checksOf([soakRun(1, 280, 128, 220), soakRun(2, 300, 128, 225), soakRun(3, 400, 129, 230)]);
    expect(garbage['soak idle memory after unload growth']).toBe(false);
    expect(garbage['soak idle memory after unload and a full collection growth']).toBe(true);
    // Kept after the collection too.
    const kept = checksOf([soakRun(1, 280, 128, 220), soakRun(2, 300, 128, 225), soakRun(3, 400, 129, 300)]);
    expect(kept['soak idle memory after unload and a full collection growth']).toBe(false);
  });
});

describe('idle memory across rounds of scenarios 1–3', () => {
  const MiB = 2 ** 20;
  const memory = (rss: number[], live?: number[]) => ({
    idleRssAfterRound: { ours: rss.map((m) => m * MiB), reference: [] },
    ...(live ? { idleLiveHeapAfterRound: { ours: live.map((m) => m * MiB), reference: [] } } : {}),
  });

  it('judges growth from the live heap after a collection, from the second round on, when it was read', () => {
    // Resident memory swung by 15% between rounds while the live heap held still.
    const growth = idleGrowth(memory([315, 263, 302], [120, 121, 122]))!;
    expect(growth.name).toBe('ours idle live heap growth, round 2 → 3');
    expect(growth.value).toBeCloseTo(122 / 121 - 1);
    // A heap that keeps what each round left is still caught.
    expect(idleGrowth(memory([315, 263, 302], [120, 140, 160]))!.value).toBeGreaterThan(0.1);
  });

  it('falls back to resident memory when the live heap could not be read, or in older results', () => {
    expect(idleGrowth(memory([250, 262], [NaN, 130]))).toEqual({
      name: 'ours idle memory growth, round 1 → 2',
      value: 262 / 250 - 1,
    });
    expect(idleGrowth(memory([250, 262]))!.name).toBe('ours idle memory growth, round 1 → 2');
    expect(idleGrowth(memory([250]))).toBeNull();
  });
});

describe('the memory probe', () => {
  it('splits the growth into what a document and what a connection adds, both in resident memory and in the live heap', () => {
    const KiB = 1024;
    // 100 documents of 150 KiB each with one connection of 5 KiB, then 400 more connections.
    const idle = { rss: 200_000 * KiB, liveHeap: 100_000 * KiB };
    const withDocuments = { rss: idle.rss + 100 * 155 * KiB, liveHeap: idle.liveHeap + 100 * 145 * KiB };
    const withConnections = {
      rss: withDocuments.rss + 400 * 5 * KiB,
      liveHeap: withDocuments.liveHeap + 400 * 4 * KiB,
    };
    const growth = memoryGrowth({ idle, withDocuments, withConnections }, 100, 400);
    expect(growth.perConnection).toEqual({ rss: 5 * KiB, liveHeap: 4 * KiB });
    expect(growth.perDocument).toEqual({ rss: 150 * KiB, liveHeap: 141 * KiB });
  });
});
