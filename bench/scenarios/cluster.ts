import { randomBytes } from 'node:crypto';
import { signIn } from '../../tests/helpers/session';
import { startPrivateRedis, type PrivateRedis } from '../../tests/helpers/redis-server';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { makeDataDir, removeDataDir } from '../../tests/helpers/server';
import { processCpuMs, processRssBytes, sleep, waitUntil, type Percentiles } from '../measure';
import { BENCH_PASSWORD, seedInstallation } from '../seed';
import { ensureNextBuild, ensureServerBuild, startOurServer, type BenchServer, type OurServer } from '../servers';
import { adminQuery } from './search';
import { runPropagation, type PropagationRun, type PropagationSpec } from './propagation';

export interface ClusterOptions {
  productRoot: string;
  postgresUrl: string;
  instances: number;
  rooms: number;
  clientsPerRoom: number;
  rate: number;
  durationS: number;
  rounds: number;
  /** Meetings per step of the capacity search; empty skips it. */
  capacitySteps: number[];
  capacityDurationS: number;
  capacityRate: number;
}

export interface ClusterSide {
  /** "1 instance" or "3 instances + Redis". */
  label: string;
  runs: PropagationRun[];
  /** Median and range over rounds. */
  p50Ms: Spread;
  p99Ms: Spread;
  cpuMsPer1000: Spread;
  /** Of that CPU, Redis's share (the cluster only). */
  redisCpuShare: Spread | null;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface CapacityStep {
  meetings: number;
  clients: number;
  latencyMs: Percentiles;
  delivered: number;
  expected: number;
  serverCpuShare: number;
  serverRssMiB: number;
  benchLoopDelayP99Ms: number;
}

export interface ClusterResult {
  rooms: number;
  clientsPerRoom: number;
  rate: number;
  durationS: number;
  /** One instance; the instances with connections spread round-robin; the instances with each meeting's connections routed to one of them. */
  sides: ClusterSide[];
  capacity: CapacityStep[];
  /** The largest step whose p99 stayed at or below 100 ms with everything delivered. */
  capacityMeetings: number | null;
}

const spread = (values: number[]): Spread => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor((sorted.length - 1) / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
};

interface Balancer {
  wsUrl: string;
  close(): Promise<void>;
}

/** A round-robin balancer in a process of its own (bench/balancer.ts). */
async function startBalancer(ports: number[], byPath = false): Promise<Balancer> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, '..', 'balancer.ts'),
      ...(byPath ? ['--by-path'] : []),
      ...ports.map(String),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { port: number }).port),
    );
    void exited.then(() => reject(new Error('the balancer exited')));
  });
  return {
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Several instances seen as one server by the scenarios: one address, their CPU (and Redis's) and memory summed. */
function asOneServer(instances: OurServer[], wsUrl: string, redis: PrivateRedis | null): BenchServer {
  const sum = (read: (pid: number) => { user: number; system: number }) => {
    const pids = [...instances.map((s) => s.pid), ...(redis ? [redis.pid] : [])];
    return pids.map(read).reduce((a, b) => ({ user: a.user + b.user, system: a.system + b.system }));
  };
  return {
    name: 'ours',
    wsUrl,
    pid: instances[0]!.pid,
    inspectorPort: instances[0]!.inspectorPort,
    cpuMs: () => sum(processCpuMs),
    rssBytes: () => instances.reduce((total, s) => total + processRssBytes(s.pid), 0),
    stop: async () => undefined,
  };
}

async function settle(instances: OurServer[]): Promise<void> {
  await waitUntil(
    async () => {
      for (const s of instances) {
        const m = await s.metrics();
        if (m.bienban_collab_connections_open !== 0 || m.bienban_collab_documents_loaded !== 0) return false;
      }
      return true;
    },
    60_000,
    100,
  );
  await sleep(1000);
}

/**
 * The same meetings typed into on one instance, then on several behind a
 * round-robin balancer sharing PostgreSQL and Redis, round after round in
 * one run; then how many meetings one instance holds with p99 ≤ 100 ms.
 */
export async function runClusterBench(
  options: ClusterOptions,
  progress: (message: string) => void,
): Promise<ClusterResult> {
  ensureNextBuild(options.productRoot);
  ensureServerBuild(options.productRoot);
  const database = `bienban_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(options.postgresUrl, `CREATE DATABASE ${database}`);
  const url = new URL(options.postgresUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const secret = randomBytes(24).toString('hex');
  const dataDirs: string[] = [];
  const servers: OurServer[] = [];
  let redis: PrivateRedis | null = null;
  const balancers: Balancer[] = [];
  const maxRooms = Math.max(options.rooms, ...options.capacitySteps);
  try {
    const seedDir = makeDataDir('bienban-bench-cluster-');
    dataDirs.push(seedDir);
    const seeded = await seedInstallation(
      seedDir,
      { meetings: maxRooms, memoryMeetings: 0, bigBytes: 0, signinAccounts: 0 },
      options.productRoot,
      { DATABASE_URL: databaseUrl },
    );
    redis = await startPrivateRedis();
    const env = (withRedis: boolean) => ({
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: secret,
      ...(withRedis ? { REDIS_URL: redis!.url, REDIS_PREFIX: `${database}:` } : {}),
    });
    const start = async (withRedis: boolean) => {
      const dir = makeDataDir('bienban-bench-cluster-');
      dataDirs.push(dir);
      const server = await startOurServer(dir, options.productRoot, env(withRedis));
      servers.push(server);
      return server;
    };
    const single = await start(false);
    const cookies: string[] = [];
    for (const user of seeded.users) {
      const cookie = await signIn(single.url, user.email, BENCH_PASSWORD);
      if (!cookie) throw new Error(`sign-in failed for ${user.email}`);
      cookies.push(cookie);
    }
    const cluster: OurServer[] = [];
    for (let i = 0; i < options.instances; i++) cluster.push(await start(true));
    // Both sides behind the same kind of balancer, so the extra hop is the same.
    const singleBalancer = await startBalancer([single.port]);
    const clusterBalancer = await startBalancer(cluster.map((s) => s.port));
    const routedBalancer = await startBalancer(
      cluster.map((s) => s.port),
      true,
    );
    balancers.push(singleBalancer, clusterBalancer, routedBalancer);
    progress(
      `cluster: 1 instance on ${single.url}; ${options.instances} instances with Redis behind ${clusterBalancer.wsUrl}`,
    );

    const spec: PropagationSpec = {
      key: 's2',
      title: 'meeting evening across instances',
      rooms: options.rooms,
      clientsPerRoom: options.clientsPerRoom,
      rate: options.rate,
      durationS: options.durationS,
      cursor: true,
    };
    const rooms = seeded.meetingIds.slice(0, options.rooms);
    const n = options.instances;
    const sides = [
      { label: '1 instance (PostgreSQL)', servers: [single], wsUrl: singleBalancer.wsUrl, redis: null },
      { label: `${n} instances, connections spread`, servers: cluster, wsUrl: clusterBalancer.wsUrl, redis },
      { label: `${n} instances, routed by meeting`, servers: cluster, wsUrl: routedBalancer.wsUrl, redis },
    ].map((side) => ({
      ...side,
      view: asOneServer(side.servers, side.wsUrl, side.redis),
      runs: [] as PropagationRun[],
      redisShares: [] as number[],
    }));
    const redisCpu = () => {
      const { user, system } = processCpuMs(redis!.pid);
      return user + system;
    };
    for (let round = 1; round <= options.rounds; round++) {
      for (const side of sides) {
        const redisBefore = redisCpu();
        const { run } = await runPropagation(side.view, spec, rooms, cookies);
        if (side.redis) side.redisShares.push((redisCpu() - redisBefore) / run.serverCpuMs);
        side.runs.push(run);
        progress(
          `cluster round ${round} ${side.label}: p50 ${run.latencyMs.p50.toFixed(1)} ms, p99 ${run.latencyMs.p99.toFixed(1)} ms, ` +
            `${run.delivered}/${run.expected} delivered, cpu ${run.cpuMsPer1000Delivered.toFixed(1)} ms/1000`,
        );
        await settle(side.servers);
      }
    }
    const summarise = (label: string, runs: PropagationRun[], shares: number[] | null): ClusterSide => ({
      label,
      runs,
      p50Ms: spread(runs.map((r) => r.latencyMs.p50)),
      p99Ms: spread(runs.map((r) => r.latencyMs.p99)),
      cpuMsPer1000: spread(runs.map((r) => r.cpuMsPer1000Delivered)),
      redisCpuShare: shares ? spread(shares) : null,
    });

    // Capacity: one instance (no Redis), ever more meetings of ten with one person typing in each.
    const capacity: CapacityStep[] = [];
    let capacityMeetings: number | null = null;
    // Clients connect to the instance directly here, as to a lone server.
    const lone = asOneServer([single], single.wsUrl, null);
    for (const meetings of options.capacitySteps) {
      const step: PropagationSpec = {
        ...spec,
        key: 's2',
        rooms: meetings,
        rate: options.capacityRate,
        durationS: options.capacityDurationS,
      };
      const { run } = await runPropagation(lone, step, seeded.meetingIds.slice(0, meetings), cookies);
      capacity.push({
        meetings,
        clients: meetings * options.clientsPerRoom,
        latencyMs: run.latencyMs,
        delivered: run.delivered,
        expected: run.expected,
        serverCpuShare: run.serverCpuMs / (run.loadSeconds * 1000),
        serverRssMiB: run.serverRssBytes / 1048576,
        benchLoopDelayP99Ms: run.benchLoopDelayP99Ms,
      });
      progress(
        `capacity ${meetings} meetings (${meetings * options.clientsPerRoom} clients): p99 ${run.latencyMs.p99.toFixed(1)} ms, ` +
          `${run.delivered}/${run.expected} delivered, server CPU ${((run.serverCpuMs / (run.loadSeconds * 1000)) * 100).toFixed(0)}% of a core`,
      );
      await settle([single]);
      if (run.latencyMs.p99 <= 100 && run.delivered === run.expected) capacityMeetings = meetings;
      else break;
    }
    return {
      rooms: options.rooms,
      clientsPerRoom: options.clientsPerRoom,
      rate: options.rate,
      durationS: options.durationS,
      sides: sides.map((side) => summarise(side.label, side.runs, side.redis ? side.redisShares : null)),
      capacity,
      capacityMeetings,
    };
  } finally {
    for (const balancer of balancers) await balancer.close();
    for (const server of servers) await server.stop().catch(() => undefined);
    await redis?.stop();
    await adminQuery(options.postgresUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    for (const dir of dataDirs) removeDataDir(dir);
  }
}

const fmt = (s: Spread, digits = 1) =>
  `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

export function renderClusterReport(result: ClusterResult): string {
  const lines = [
    '',
    `Scale-out: ${result.rooms} meetings × ${result.clientsPerRoom} clients, one writer each at ${result.rate}/s with its caret, ${result.durationS} s; median (range) over ${result.sides[0]?.runs.length ?? 0} rounds`,
    '',
    '| servers | delivery p50 ms | delivery p99 ms | CPU ms / 1000 deliveries | of it Redis |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const side of result.sides) {
    lines.push(
      `| ${side.label} | ${fmt(side.p50Ms)} | ${fmt(side.p99Ms)} | ${fmt(side.cpuMsPer1000)} | ${
        side.redisCpuShare
          ? `${fmt({ median: side.redisCpuShare.median * 100, min: side.redisCpuShare.min * 100, max: side.redisCpuShare.max * 100 }, 0)} %`
          : '–'
      } |`,
    );
  }
  if (result.capacity.length > 0) {
    lines.push('', 'Capacity of one instance (10 members a meeting, one typing):', '');
    lines.push(
      '| meetings | clients | p50 ms | p99 ms | delivered | server CPU (cores) | server RSS MiB | bench loop p99 ms |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const step of result.capacity) {
      lines.push(
        `| ${step.meetings} | ${step.clients} | ${step.latencyMs.p50.toFixed(1)} | ${step.latencyMs.p99.toFixed(1)} | ${step.delivered}/${step.expected} | ${step.serverCpuShare.toFixed(2)} | ${step.serverRssMiB.toFixed(0)} | ${step.benchLoopDelayP99Ms.toFixed(1)} |`,
      );
    }
    lines.push(
      '',
      result.capacityMeetings === null
        ? 'No step met p99 ≤ 100 ms.'
        : `Largest step with p99 ≤ 100 ms and everything delivered: ${result.capacityMeetings} meetings.`,
    );
  }
  return lines.join('\n');
}
