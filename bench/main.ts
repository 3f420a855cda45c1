import os from 'node:os';
import path from 'node:path';
import { isCompiledFresh } from '../tests/helpers/entry-point';
import { signIn } from '../tests/helpers/session';
import { makeDataDir, PROJECT_ROOT, removeDataDir } from '../tests/helpers/server';
import { findRegressions, writeBudget } from './budget';
import { sleep, waitUntil, type Samples } from './measure';
import { parseOptions, selected, usage, type BenchOptions } from './options';
import { liveHeapBytes } from './live-heap';
import { measurePage } from './page';
import { renderReport, writeResults } from './report';
import { runDocumentOpen } from './scenarios/document-open';
import { runMemoryProbe } from './scenarios/memory';
import {
  runPropagation,
  type PropagationKey,
  type PropagationRun,
  type PropagationSpec,
} from './scenarios/propagation';
import { runReconnectStorm } from './scenarios/reconnect-storm';
import { runSignInStorm } from './scenarios/sign-in-storm';
import { runSoak } from './scenarios/soak';
import { runUpdateGuardCost } from './scenarios/update-guard-cost';
import { renderSearchReport, runSearchBench } from './scenarios/search';
import { runStartup } from './scenarios/startup';
import { renderClusterReport, runClusterBench } from './scenarios/cluster';
import { BENCH_PASSWORD, seedInstallation } from './seed';
import {
  checkoutVersion,
  ensureNextBuild,
  ensureServerBuild,
  startOurServer,
  startReferenceServer,
  type BenchServer,
  type OurServer,
} from './servers';
import { checkTargets, compare, guardShares, summarise, type BenchResults } from './summary';

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** Scenarios 1–3, each as the editor types (moving its caret) and as a document-only writer ("-doc"). */
function propagationSpecs(o: BenchOptions): (PropagationSpec & { key: PropagationKey })[] {
  const base = [
    { key: 's1', title: 'one large meeting', rooms: 1, clientsPerRoom: o.s1Clients, rate: o.s1Rate },
    { key: 's2', title: 'meeting day', rooms: o.s2Rooms, clientsPerRoom: o.s2Clients, rate: o.s2Rate },
    { key: 's3', title: 'fast typing', rooms: 1, clientsPerRoom: o.s3Clients, rate: o.s3Rate },
  ] as const;
  return base.flatMap((s) => [
    { ...s, durationS: o.duration, cursor: true },
    { ...s, key: `${s.key}-doc` as const, title: `${s.title}, document only`, durationS: o.duration, cursor: false },
  ]);
}

/** Waits until a server has dealt with every closed socket, so one run's teardown is not billed to the next. */
async function settle(server: BenchServer): Promise<void> {
  if (server.name === 'ours') {
    const ours = server as OurServer;
    await waitUntil(
      async () => {
        const m = await ours.metrics();
        return m.bienban_collab_connections_open === 0 && m.bienban_collab_documents_loaded === 0;
      },
      30_000,
      50,
    );
  }
  await sleep(1000);
}

/** Runs one of the later parts; a failure is reported and recorded, and the rest of the run goes on. */
async function part(results: BenchResults, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`${name} failed: ${message}`);
    results.failures.push(`${name}: ${message}`);
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  const started = new Date();
  const specs = propagationSpecs(options).filter((s) => selected(options, s.key));
  const productRoot = options.serverDir ? path.resolve(options.serverDir) : PROJECT_ROOT;
  if (options.writeBudget && productRoot !== PROJECT_ROOT) {
    throw new Error("--write-budget records this checkout's figures: not with --server-dir pointing elsewhere");
  }
  const withReference = specs.length > 0 || selected(options, 'memory');
  const withCookies = withReference || (['open', 'page', 'storm', 'soak'] as const).some((p) => selected(options, p));
  const withOurs = withCookies || selected(options, 'signin');
  const results: BenchResults = {
    startedAt: started.toISOString(),
    finishedAt: '',
    seconds: 0,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: os.platform(),
      release: os.release(),
      memoryBytes: os.totalmem(),
    },
    options,
    ourServer: { dir: productRoot, version: checkoutVersion(productRoot) },
    propagation: {},
    targets: [],
    regressions: [],
    failures: [],
  };

  const dataDir = makeDataDir('bienban-bench-');
  let ours: OurServer | undefined;
  let reference: BenchServer | undefined;
  try {
    if (withOurs) await runOnServers();
  } finally {
    await reference?.stop();
    await ours?.stop();
    removeDataDir(dataDir);
  }

  async function runOnServers(): Promise<void> {
    ensureNextBuild(productRoot);
    ensureServerBuild(productRoot);
    results.ourServer.program = isCompiledFresh(productRoot, 'server') ? 'compiled' : 'source';
    const s2Rooms = specs.some((s) => s.key.startsWith('s2')) ? options.s2Rooms : 0;
    const soakRooms = selected(options, 'soak') ? Math.max(1, Math.round(options.soakRooms)) : 0;
    const signinAttempts = Math.max(1, Math.round(options.signinAttempts));
    const seeded = await seedInstallation(
      dataDir,
      {
        // Only what the selected parts use.
        meetings: Math.max(2 + s2Rooms + soakRooms, selected(options, 'storm') ? options.stormRooms : 0),
        memoryMeetings: selected(options, 'memory') ? options.memoryDocs : 0,
        bigBytes: selected(options, 'open') ? options.openBytes : 0,
        signinAccounts: selected(options, 'signin') ? options.rounds * (signinAttempts + 1) : 0,
      },
      productRoot,
    );
    progress(
      `seeded ${seeded.meetingIds.length + seeded.memoryMeetingIds.length + 2} meetings with ${productRoot} ` +
        `(${results.ourServer.version}); large document ${(seeded.bigMeetingBytes / 1024).toFixed(0)} KiB; ` +
        `passwords stored as ${seeded.passwordHashKind}`,
    );
    ours = await startOurServer(dataDir, productRoot);
    progress(`ours on ${ours.url} (pid ${ours.pid}), from ${productRoot}`);
    if (withReference) {
      reference = await startReferenceServer();
      progress(`reference on ${reference.wsUrl} (pid ${reference.pid})`);
    }

    const cookies: string[] = [];
    for (const user of withCookies ? seeded.users : []) {
      const cookie = await signIn(ours.url, user.email, BENCH_PASSWORD);
      if (!cookie) throw new Error(`sign-in failed for ${user.email}`);
      cookies.push(cookie);
    }

    // Scenarios 1–3: each round runs every scenario on ours, then on the reference.
    // The document-only variants type into the same meetings as the others.
    const rooms: Record<'s1' | 's2' | 's3', string[]> = {
      s1: [seeded.meetingIds[0]!],
      s2: seeded.meetingIds.slice(2, 2 + s2Rooms),
      s3: [seeded.meetingIds[1]!],
    };
    const roomsOf = (key: PropagationKey) => rooms[key.slice(0, 2) as 's1' | 's2' | 's3'];
    const runs = new Map<string, { runs: PropagationRun[]; samples: Samples[] }>();
    const idleRssAfterRound = { ours: [] as number[], reference: [] as number[] };
    const idleLiveHeapAfterRound = { ours: [] as number[], reference: [] as number[] };
    if (specs.length > 0 && reference) {
      if (options.warmup > 0) {
        const warm = {
          ...specs[0]!,
          clientsPerRoom: Math.min(50, specs[0]!.clientsPerRoom),
          durationS: options.warmup,
        };
        for (const server of [ours, reference]) {
          progress(`warm-up on ${server.name}`);
          await runPropagation(server, warm, roomsOf(warm.key), server.name === 'ours' ? cookies : [null]);
          await settle(server);
        }
      }
      for (let round = 1; round <= options.rounds; round++) {
        for (const spec of specs) {
          for (const server of [ours, reference]) {
            const { run, samples } = await runPropagation(
              server,
              spec,
              roomsOf(spec.key),
              server.name === 'ours' ? cookies : [null],
            );
            const entry = runs.get(`${spec.key}/${server.name}`) ?? { runs: [], samples: [] };
            entry.runs.push(run);
            entry.samples.push(samples);
            runs.set(`${spec.key}/${server.name}`, entry);
            progress(
              `round ${round} ${spec.key} ${server.name}: p99 ${run.latencyMs.p99.toFixed(2)} ms, ` +
                `${run.delivered}/${run.expected} delivered, cpu ${run.cpuMsPer1000Delivered.toFixed(1)} ms/1000 ` +
                `(${((run.serverSystemCpuMs / run.serverCpuMs) * 100).toFixed(0)}% kernel` +
                (run.updateCheckMs === null
                  ? ''
                  : `, update check ${((run.updateCheckMs / run.serverCpuMs) * 100).toFixed(2)}% of it`) +
                `), bench loop p99 ${run.benchLoopDelayP99Ms.toFixed(1)} ms`,
            );
            await settle(server);
          }
        }
        // After a full collection, so that a round's growth is what the server still holds, not
        // garbage not collected yet or pages the allocator kept (resident memory alone swung by ±15%).
        for (const [server, name] of [
          [ours, 'ours'],
          [reference, 'reference'],
        ] as const) {
          idleLiveHeapAfterRound[name].push(await liveHeapBytes(server));
          idleRssAfterRound[name].push(server.rssBytes());
        }
      }
      for (const spec of specs) {
        const o = runs.get(`${spec.key}/ours`)!;
        const r = runs.get(`${spec.key}/reference`)!;
        results.propagation[spec.key] = compare(spec, summarise(o.runs, o.samples), summarise(r.runs, r.samples));
      }
    }
    results.memory = { idleRssAfterRound, idleLiveHeapAfterRound };

    if (selected(options, 'memory') && reference) {
      progress('memory probe');
      const untilOursIdle = () => settle(ours!);
      results.memory.ours = await runMemoryProbe(ours, seeded.memoryMeetingIds, options.memoryExtraPerDoc, cookies, {
        untilIdle: untilOursIdle,
      });
      results.memory.reference = await runMemoryProbe(
        reference,
        seeded.memoryMeetingIds.map((id) => `memory-${id}`),
        options.memoryExtraPerDoc,
        [null],
        { seedState: seeded.templateState, untilIdle: () => settle(reference!) },
      );
    }
    await reference?.stop();
    reference = undefined;

    const server = ours;
    if (selected(options, 'soak')) {
      await part(results, 'soak', async () => {
        const spec = {
          runs: Math.max(1, Math.round(options.soakRuns)),
          rooms: soakRooms,
          clientsPerRoom: Math.max(2, Math.round(options.soakClients)),
          rate: options.soakRate,
          paragraphsPerRun: Math.round(options.soakParagraphs),
          durationS: options.soakDuration,
          cursor: options.soakCursor,
        };
        progress(
          `soak: ${spec.runs} runs of ${spec.rooms} meetings × ${spec.clientsPerRoom} clients, ` +
            `${spec.paragraphsPerRun} paragraphs pasted and ${spec.durationS} s typed at ${spec.rate}/s per meeting each`,
        );
        const soakIds = seeded.meetingIds.slice(2 + s2Rooms, 2 + s2Rooms + soakRooms);
        results.soak = await runSoak(server, spec, soakIds, cookies, () => settle(server), progress);
      });
    }
    if (selected(options, 'open')) {
      await part(results, 'document open', async () => {
        progress(`document open: ${options.openLoads} cold loads`);
        const open = await runDocumentOpen(server, seeded.bigMeetingId, cookies[0]!, options.openLoads);
        results.documentOpen = { ...open, storedBytes: seeded.bigMeetingBytes };
        await settle(server);
      });
    }
    if (selected(options, 'page')) {
      await part(results, 'meeting page', async () => {
        progress(
          `meeting page: ${options.pageLoads} loads in Chromium, ${options.pageSlowLoads} on slow 3G, ` +
            `${options.pageTrafficSeconds} s of a member's traffic`,
        );
        results.page = await measurePage(server.url, seeded.pageMeetingId, cookies[0]!, {
          loads: options.pageLoads,
          slowLoads: options.pageSlowLoads,
          memberCookie: cookies[1],
          trafficSeconds: options.pageTrafficSeconds,
          wsUrl: server.wsUrl,
        });
        await settle(server);
      });
    }
    if (selected(options, 'signin')) {
      await part(results, 'sign-in storm', async () => {
        progress(`sign-in storm: ${signinAttempts} wrong passwords at once, ${options.rounds} round(s)`);
        results.signinStorm = await runSignInStorm(
          server,
          seeded.signinEmails,
          { email: seeded.users[0]!.email, password: BENCH_PASSWORD },
          signinAttempts,
          options.rounds,
          seeded.passwordHashKind,
        );
        const { distinctAccounts: a, oneAccount: b } = results.signinStorm;
        progress(
          `sign-in storm: probe p99 ${a.probeMs.p99.toFixed(1)} ms (${a.title}), ${b.probeMs.p99.toFixed(1)} ms (${b.title}); ` +
            `checked/limited/other ${a.checked}/${a.limited}/${a.other} and ${b.checked}/${b.limited}/${b.other}`,
        );
        await settle(server);
      });
    }
    // Last: it restarts the server.
    if (selected(options, 'storm')) {
      await part(results, 'reconnect storm', async () => {
        progress(`reconnect storm: ${options.stormClients} clients, restart`);
        const { stormClients, stormRooms } = options;
        results.reconnectStorm = await runReconnectStorm(server, seeded.meetingIds, stormClients, stormRooms, cookies);
      });
    }
  }

  // In this process, on this checkout's code, with both servers stopped.
  if (selected(options, 'guard')) {
    await part(results, 'update guard', async () => {
      progress(`update guard: ${options.guardChecks} checks per case, this checkout's code`);
      const guard = runUpdateGuardCost(Math.max(1, Math.round(options.guardChecks)));
      results.updateGuard = { ...guard, shareOfChangeCpu: guardShares(results.propagation, guard) };
    });
  }

  if (selected(options, 'search')) {
    await part(results, 'search', async () => {
      const engines = options.searchEngines
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
      const unknown = engines.filter((e) => e !== 'sqlite' && e !== 'postgres');
      if (unknown.length > 0) throw new Error(`--search-engines: unknown engine ${unknown.join(', ')}`);
      results.search = await runSearchBench({
        meetings: Math.max(1, Math.round(options.searchMeetings)),
        cells: Math.max(1, Math.round(options.searchCells)),
        repeats: Math.max(1, Math.round(options.searchRepeats)),
        likeRepeats: Math.max(1, Math.round(options.searchLikeRepeats)),
        engines: engines as ('sqlite' | 'postgres')[],
        postgresUrl: options.searchPostgresUrl,
      });
    });
  }

  if (selected(options, 'startup')) {
    await part(results, 'start-up', async () => {
      ensureNextBuild(productRoot);
      ensureServerBuild(productRoot);
      const rounds = Math.max(1, Math.round(options.startupRounds));
      progress(`start-up: ${rounds} measured starts of each way of starting ${productRoot}`);
      results.startup = await runStartup(productRoot, rounds, progress);
    });
  }

  if (selected(options, 'cluster')) {
    await part(results, 'scale-out', async () => {
      results.cluster = await runClusterBench(
        {
          productRoot,
          postgresUrl: options.clusterPostgresUrl,
          instances: Math.max(1, Math.round(options.clusterInstances)),
          rooms: Math.max(1, Math.round(options.clusterRooms)),
          clientsPerRoom: Math.max(2, Math.round(options.clusterClients)),
          rate: options.clusterRate,
          durationS: options.clusterDuration,
          rounds: Math.max(1, Math.round(options.clusterRounds)),
          capacitySteps: options.capacitySteps
            .split(',')
            .map((step) => Number(step.trim()))
            .filter((step) => Number.isInteger(step) && step > 0),
          capacityDurationS: options.capacityDuration,
          capacityRate: options.capacityRate,
        },
        progress,
      );
    });
  }

  const finished = new Date();
  results.finishedAt = finished.toISOString();
  results.seconds = (finished.getTime() - started.getTime()) / 1000;
  results.targets = checkTargets(results);
  results.regressions = findRegressions(results);
  process.stdout.write(renderReport(results) + '\n');
  if (results.search) process.stdout.write(renderSearchReport(results.search) + '\n');
  if (results.cluster) process.stdout.write(renderClusterReport(results.cluster) + '\n');
  const file = writeResults(results);
  process.stdout.write(`Results: ${file} (and bench/results/latest.json)\n`);
  if (options.writeBudget) {
    writeBudget(results);
    process.stdout.write('Budget written to bench/budget.json.\n');
  }
  return options.strict && (results.regressions.length > 0 || results.failures.length > 0) ? 1 : 0;
}

// Every y-websocket provider in Node adds an 'exit' listener; a thousand clients are expected here.
process.setMaxListeners(0);
process.on('SIGINT', () => process.exit(130));
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
