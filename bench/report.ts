import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResults, PropagationSummary, Spread } from './summary';

const RESULTS_DIR = path.join(import.meta.dirname, 'results');

type Cell = string | number | null | undefined;

function fmt(value: Cell, digits = 1): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return 'n/a';
  return value.toFixed(digits);
}

const mib = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 2 ** 20);
const kib = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 1024);

function table(rows: Cell[][], header: string[]): string {
  const cells = [header, ...rows.map((row) => row.map((c) => (typeof c === 'string' ? c : fmt(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map((r) => line(r as string[])),
  ].join('\n');
}

function propagationRows(title: string, ours: PropagationSummary, ref: PropagationSummary): Cell[][] {
  const ratio = (a: number, b: number) => fmt(a / b, 2);
  const rows: Cell[][] = [[title, '', '', '']];
  for (const p of ['p50', 'p95', 'p99', 'max'] as const) {
    rows.push([
      `  latency ${p} (ms)`,
      fmt(ours.latencyMs[p], 2),
      fmt(ref.latencyMs[p], 2),
      ratio(ours.latencyMs[p], ref.latencyMs[p]),
    ]);
  }
  rows.push(
    ['  delivered / expected', `${ours.delivered}/${ours.expected}`, `${ref.delivered}/${ref.expected}`, ''],
    ['  converged', ours.converged ? 'yes' : 'NO', ref.converged ? 'yes' : 'NO', ''],
    [
      '  server CPU ms / 1,000 delivered',
      fmt(ours.cpuMsPer1000Delivered, 1),
      fmt(ref.cpuMsPer1000Delivered, 1),
      ratio(ours.cpuMsPer1000Delivered, ref.cpuMsPer1000Delivered),
    ],
    [
      '  server write system calls / 1,000 delivered',
      fmt(ours.writeCallsPer1000Delivered, 0),
      fmt(ref.writeCallsPer1000Delivered, 0),
      ratio(ours.writeCallsPer1000Delivered, ref.writeCallsPer1000Delivered),
    ],
    [
      '  of which the update check, as the server counted it (ms / 1,000 delivered)',
      ours.updateCheckMsPer1000Delivered === null
        ? '–'
        : `${fmt(ours.updateCheckMsPer1000Delivered, 2)} (${fmt((ours.updateCheckMsPer1000Delivered / ours.cpuMsPer1000Delivered) * 100, 2)}%)`,
      '–',
      '',
    ],
    [
      '  server RSS at end (MiB)',
      fmt(mib(ours.serverRssBytes)),
      fmt(mib(ref.serverRssBytes)),
      ratio(ours.serverRssBytes, ref.serverRssBytes),
    ],
    ['  bench event-loop delay p99 (ms)', fmt(ours.benchLoopDelayP99Ms), fmt(ref.benchLoopDelayP99Ms), ''],
  );
  return rows;
}

/** A median and its range over the rounds: "26.1 (24.0–30.2)". */
function fmtSpread(s: Spread, digits = 1): string {
  if (s.min === s.max) return fmt(s.median, digits);
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

/** Scenarios 1–3 in both variants, one line each: the per-round figures' median and range. */
function roundsTable(results: BenchResults): string | null {
  const rows: Cell[][] = Object.values(results.propagation).map((c) => [
    c.spec.key,
    fmtSpread(c.rounds.ours.p99, 1),
    fmtSpread(c.rounds.reference.p99, 1),
    fmtSpread(c.rounds.ratio.p99, 2),
    fmtSpread(c.rounds.ours.cpuPer1000, 1),
    fmtSpread(c.rounds.reference.cpuPer1000, 1),
    fmtSpread(c.rounds.ratio.cpuPer1000, 2),
  ]);
  if (rows.length === 0) return null;
  return table(rows, [
    `median (range) over ${results.options.rounds} rounds`,
    'p99 ms ours',
    'reference',
    'ours÷ref',
    'CPU ms/1,000 ours',
    'reference',
    'ours÷ref',
  ]);
}

/** The soak, run by run: does a keystroke cost more as the minutes grow? */
function soakTable(results: BenchResults): string | null {
  const soak = results.soak;
  if (!soak) return null;
  const s = soak.spec;
  const rows: Cell[][] = soak.runs.map((r) => [
    `run ${r.run}`,
    String(r.paragraphs),
    fmt(kib(r.documentBytes), 0),
    fmt(r.latencyMs.p50, 2),
    fmt(r.latencyMs.p99, 2),
    fmt(r.cpuMsPer1000Delivered, 1),
    `${r.delivered}/${r.expected}${r.converged ? '' : ' NOT CONVERGED'}`,
    fmt(mib(r.loadedRssBytes)),
    fmt(mib(r.idleRssBytes)),
    fmt(mib(r.idleHeapUsedBytes)),
    // Older results have none.
    fmt(mib(r.idleLiveHeapBytes ?? NaN)),
    fmt(mib(r.idleRssCollectedBytes ?? NaN)),
  ]);
  return [
    `soak: ${s.rooms} meetings × ${s.clientsPerRoom} clients, each run pastes ${s.paragraphsPerRun} paragraphs per meeting, ` +
      `then types ${s.durationS} s at ${s.rate}/s${s.cursor ? ' (with caret)' : ' (document only)'}; ` +
      `idle before the first run ${fmt(mib(soak.idleRssBeforeBytes))} MiB`,
    table(rows, [
      'soak',
      'paragraphs',
      'doc KiB',
      'p50 ms',
      'p99 ms',
      'CPU ms/1,000',
      'delivered',
      'RSS loaded MiB',
      'idle RSS MiB',
      'idle heap MiB',
      'live heap MiB',
      'RSS after GC MiB',
    ]),
  ].join('\n');
}

/** The human-readable report: both servers side by side, then our-only figures, targets and regressions. */
export function renderReport(results: BenchResults): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(
    `Biên Bản collaboration bench — ${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}, ${results.options.rounds} rounds × ${results.options.duration} s, ${results.seconds.toFixed(0)} s in all`,
    `ours: ${results.ourServer.dir} at ${results.ourServer.version}` +
      (results.ourServer.program ? `, ${results.ourServer.program}` : ''),
    '',
  );
  const rows: Cell[][] = [];
  for (const c of Object.values(results.propagation)) {
    const s = c.spec;
    rows.push(
      ...propagationRows(
        `${s.key} ${s.title}: ${s.rooms} room(s) × ${s.clientsPerRoom} clients, ${s.rate} changes/s per writer`,
        c.ours,
        c.reference,
      ),
    );
  }
  if (rows.length > 0)
    out.push(table(rows, ['scenario 1–3 (pooled over rounds)', 'ours', 'reference', 'ours÷ref']), '');
  const byRound = roundsTable(results);
  if (byRound) out.push(byRound, '');
  const soak = soakTable(results);
  if (soak) out.push(soak, '');

  const ours: Cell[][] = [];
  const open = results.documentOpen;
  if (open) {
    ours.push(
      [
        `s4 document open: ${fmt(kib(open.storedBytes), 0)} KiB stored, ${open.loads} cold loads${open.allCold ? '' : ' (NOT ALL COLD)'}`,
        '',
      ],
      [
        '  open → synced p50 / p99 / max (ms)',
        `${fmt(open.openToSyncedMs.p50)} / ${fmt(open.openToSyncedMs.p99)} / ${fmt(open.openToSyncedMs.max)}`,
      ],
      [
        '  of which the server: open → document received p50 / p99 (ms)',
        `${fmt(open.openToReceivedMs.p50)} / ${fmt(open.openToReceivedMs.p99)}`,
      ],
      [
        '  of which the client applying it p50 / p99 (ms)',
        `${fmt(open.clientApplyMs.p50)} / ${fmt(open.clientApplyMs.p99)}`,
      ],
      [
        '  connect (upgrade + auth) → synced p50 / p99 (ms)',
        `${fmt(open.connectToSyncedMs.p50)} / ${fmt(open.connectToSyncedMs.p99)}`,
      ],
    );
  }
  const storm = results.reconnectStorm;
  if (storm) {
    ours.push(
      [`s5 reconnect storm: ${storm.clients} clients in ${storm.rooms} rooms, server restarted`, ''],
      ['  server back up (listening) → all synced (s)', fmt(storm.listeningToAllSyncedMs / 1000, 2)],
      ['  shutdown / start to listening (s)', `${fmt(storm.shutdownMs / 1000, 2)} / ${fmt(storm.startMs / 1000, 2)}`],
      ['  new process → all synced (s)', fmt(storm.spawnToAllSyncedMs / 1000, 2)],
      ['  SIGTERM → all synced (s)', fmt(storm.stopToAllSyncedMs / 1000, 2)],
      [
        '  per-client resync p50 / p99 from new process (s)',
        `${fmt(storm.resyncMs.p50 / 1000, 2)} / ${fmt(storm.resyncMs.p99 / 1000, 2)}`,
      ],
      ['  failed syncs / refused upgrades', `${storm.failedSyncs} / ${storm.refusedUpgrades}`],
    );
  }
  const memory = results.memory;
  if (memory) {
    const o = memory.ours;
    const r = memory.reference;
    if (o || memory.idleRssAfterRound.ours.length > 0) ours.push(['memory (resident)', '']);
    if (o) {
      ours.push(
        [
          `  per loaded idle document, ${o.documents} docs, collected (KiB)`,
          `${fmt(kib(o.perDocumentBytes))} (reference ${fmt(kib(r?.perDocumentBytes))})`,
        ],
        [
          '    of it live in the heap (KiB)',
          `${fmt(kib(o.perDocumentLiveHeapBytes))} (reference ${fmt(kib(r?.perDocumentLiveHeapBytes))})`,
        ],
        [
          `  per idle connection, ${o.connections - o.documents} conns, collected (KiB)`,
          `${fmt(kib(o.perConnectionBytes))} (reference ${fmt(kib(r?.perConnectionBytes))})`,
        ],
        [
          '    of it live in the heap (KiB)',
          `${fmt(kib(o.perConnectionLiveHeapBytes))} (reference ${fmt(kib(r?.perConnectionLiveHeapBytes))})`,
        ],
        ['  idle before → after the probe (MiB)', `${fmt(mib(o.idleRssBytes))} → ${fmt(mib(o.afterRssBytes))}`],
      );
    }
    if (memory.idleRssAfterRound.ours.length > 0) {
      ours.push(
        [
          '  idle after each round and a full collection, ours (MiB)',
          memory.idleRssAfterRound.ours.map((b) => fmt(mib(b))).join(' → '),
        ],
        [
          '  idle after each round and a full collection, reference (MiB)',
          memory.idleRssAfterRound.reference.map((b) => fmt(mib(b))).join(' → '),
        ],
      );
      const live = memory.idleLiveHeapAfterRound;
      if (live)
        ours.push(
          ['  live heap idle after each round, ours (MiB)', live.ours.map((b) => fmt(mib(b))).join(' → ')],
          ['  live heap idle after each round, reference (MiB)', live.reference.map((b) => fmt(mib(b))).join(' → ')],
        );
    }
  }
  const page = results.page;
  if (page) {
    ours.push(
      [`meeting page in Chromium, ${page.loads} loads`, ''],
      [
        '  navigation → editable, synced: cold p50 / p95 (ms)',
        `${fmt(page.coldReadyMs.p50, 0)} / ${fmt(page.coldReadyMs.p95, 0)}`,
      ],
      ['  the same, second visit p50 / p99 (ms)', `${fmt(page.warmReadyMs.p50, 0)} / ${fmt(page.warmReadyMs.p99, 0)}`],
      [
        `  JavaScript: ${page.scripts} files, raw / gzip (KiB)`,
        `${fmt(kib(page.jsBytes))} / ${fmt(kib(page.jsGzipBytes))} (served ${page.servedEncoding})`,
      ],
    );
    // Older results have neither.
    if (page.slowColdReadyMs?.count) {
      ours.push([
        `  slow 3G, cold, ${page.slowColdReadyMs.count} loads: p50 / max (ms)`,
        `${fmt(page.slowColdReadyMs.p50, 0)} / ${fmt(page.slowColdReadyMs.max, 0)}`,
      ]);
    }
    const traffic = page.traffic;
    if (traffic) {
      ours.push(
        [
          '  one member: opening the page, received / sent (KiB)',
          `${fmt(kib(traffic.openReceivedBytes))} / ${fmt(kib(traffic.openSentBytes))}`,
        ],
        [
          `  the same, ${fmt(traffic.windowSeconds, 0)} s of typing (${traffic.typedCharsPerSecond} char/s), received / sent (KiB)`,
          `${fmt(kib(traffic.windowReceivedBytes))} / ${fmt(kib(traffic.windowSentBytes))}`,
        ],
        [
          '  the same, 90-minute meeting (opening + window scaled), received / sent (KiB)',
          `${fmt(kib(traffic.meetingReceivedBytes))} / ${fmt(kib(traffic.meetingSentBytes))}`,
        ],
      );
      // Older results have no breakdown.
      for (const [part, byKind] of [
        ['opening', traffic.openByKind],
        ['window', traffic.windowByKind],
      ] as const) {
        if (!byKind) continue;
        const kinds = Object.entries(byKind).sort(([, a], [, b]) => b.received + b.sent - (a.received + a.sent));
        for (const [kind, bytes] of kinds.slice(0, 6)) {
          ours.push([
            `    ${part}: ${kind}, received / sent (KiB)`,
            `${fmt(kib(bytes.received))} / ${fmt(kib(bytes.sent))}`,
          ]);
        }
      }
    }
  }
  const signin = results.signinStorm;
  if (signin) {
    const trio = (p: { p50: number; p99: number; max: number }) => `${fmt(p.p50)} / ${fmt(p.p99)} / ${fmt(p.max)}`;
    ours.push(
      [
        `sign-in storm: ${signin.attempts} wrong passwords at once, ${signin.rounds} round(s), stored as ${signin.passwordHashKind}`,
        '',
      ],
      [
        `  /healthz round trip, open connections, every ${signin.probeIntervalMs} ms: idle p50 / p99 / max (ms)`,
        trio(signin.idleProbeMs),
      ],
      [
        `  /healthz round trip, new connection, every ${signin.freshProbeIntervalMs} ms: idle p50 / p99 / max (ms)`,
        trio(signin.idleFreshProbeMs),
      ],
    );
    for (const c of [signin.distinctAccounts, signin.oneAccount]) {
      ours.push(
        [`  ${c.title}: round trip during the storm p50 / p99 / max (ms)`, trio(c.probeMs)],
        [`  ${c.title}: the same on a new connection (ms)`, trio(c.freshProbeMs)],
        [`  ${c.title}: all answered, each round (ms)`, c.allAnsweredMs.map((ms) => fmt(ms, 0)).join(' / ')],
        [
          `  ${c.title}: checked against the hash / refused by the limit / other`,
          `${c.checked} / ${c.limited} / ${c.other}`,
        ],
        [`  ${c.title}: server CPU per storm, each round (ms)`, c.runs.map((r) => fmt(r.serverCpuMs, 0)).join(' / ')],
        [`  ${c.title}: one more attempt after each storm`, c.runs.map((r) => r.nextAttempt).join(' / ')],
      );
    }
  }
  const guard = results.updateGuard;
  if (guard) {
    ours.push([
      `update guard (this checkout's code, in process): ${fmt(kib(guard.documentBytes), 0)} KiB meeting, ${guard.passes} × ${guard.checksPerCase} checks per case; mean of the fastest pass`,
      '',
    ]);
    for (const c of guard.cases) {
      ours.push([
        `  ${c.title}, ${c.updateBytes} B: p50 / p99 / mean (µs)`,
        `${fmt(c.us.p50)} / ${fmt(c.us.p99)} / ${fmt(c.meanUs)}${c.verdict === 'refuse' ? ' (refused)' : ''}`,
      ]);
    }
    for (const share of guard.shareOfChangeCpu) {
      ours.push([
        `  typed character vs our CPU per typed character in ${share.key} (${share.clientsPerRoom} clients/room)`,
        `${fmt(share.checkUs)} of ${fmt(share.cpuUsPerChange, 0)} µs = ${fmt(share.share * 100, 2)}%`,
      ]);
    }
  }
  const startup = results.startup;
  if (startup) {
    const spread = (s: { p50: number; min: number; max: number }) =>
      `${fmt(s.p50, 0)} (${fmt(s.min, 0)}–${fmt(s.max, 0)})`;
    ours.push([
      `start-up, ${startup.rounds} starts each: spawn → listening / → /healthz 200 / CPU used, median (min–max) (ms)`,
      '',
    ]);
    for (const p of startup.programs) {
      ours.push([`  ${p.command}`, `${spread(p.listeningMs)} / ${spread(p.healthyMs)} / ${spread(p.cpuMs)}`]);
    }
  }
  if (ours.length > 0) out.push(table(ours, ['ours only', 'value']), '');

  if (results.targets.length > 0) {
    out.push(
      table(
        results.targets.map((t) => [t.name, fmt(t.value, 2), t.target, t.met ? 'met' : 'NOT MET']),
        ['target', 'value', 'goal', ''],
      ),
      '',
    );
  }
  for (const failure of results.failures) out.push(`FAILED ${failure}`);
  for (const r of results.regressions) {
    out.push(
      `REGRESSION ${r.metric}: ${fmt(r.value, 2)} against a budget of ${fmt(r.budget, 2)} (+${(r.change * 100).toFixed(0)}%)`,
    );
  }
  if (results.regressions.length === 0) out.push('No regression against bench/budget.json.');
  return out.join('\n');
}

/** Writes the results as bench/results/<timestamp>.json and bench/results/latest.json; returns the first path. */
export function writeResults(results: BenchResults): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const file = path.join(RESULTS_DIR, `${stamp}.json`);
  const json =
    JSON.stringify(
      results,
      (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value),
      2,
    ) + '\n';
  writeFileSync(file, json);
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), json);
  return file;
}
