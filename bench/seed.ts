import { spawn } from 'node:child_process';
import path from 'node:path';
import * as Y from 'yjs';
import type { openServices } from '../server/bootstrap';
import type { DocStore } from '../server/db/doc-store';
import { growDocument } from './big-document';

/** A document's stored log, merged into one update. */
async function storedState(store: DocStore, docId: string): Promise<Uint8Array> {
  const stored = await store.load(docId);
  return Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates.map((row) => row.data)]);
}

export const BENCH_PASSWORD = 'bench horse battery staple';

/** How many members sign in; clients take their cookies in turn. */
const SIGNED_IN_USERS = 5;

export interface SeedCounts {
  meetings: number;
  memoryMeetings: number;
  bigBytes: number;
  /** Further members with a password, for the sign-in storms (none sign in). */
  signinAccounts: number;
}

export interface SeededInstallation {
  users: { email: string; name: string }[];
  /** The members for the sign-in storms, each with BENCH_PASSWORD set. */
  signinEmails: string[];
  /** What the product stored for a password, up to the salt: "$argon2id$v=19$m=19456,t=2,p=1", "$2b$12". */
  passwordHashKind: string;
  /** Meetings of the one cell, each with its prefilled minutes, for the load scenarios. */
  meetingIds: string[];
  /** Meetings only the memory probe opens, so their documents hold just the template. */
  memoryMeetingIds: string[];
  /** The stored state of a fresh meeting: what the reference server is given to hold in the memory probe. */
  templateState: Uint8Array;
  /** A meeting whose stored document was grown to the requested size. */
  bigMeetingId: string;
  bigMeetingBytes: number;
  /** A meeting nobody else touches, for the page measurement. */
  pageMeetingId: string;
}

/** The hash's algorithm and parameters, without salt and digest. */
function hashKind(hash: string | null | undefined): string {
  if (!hash) return 'none';
  if (hash.startsWith('$argon2')) return hash.split('$').slice(0, 4).join('$');
  if (/^\$2[abxy]\$/.test(hash)) return hash.slice(0, 6);
  return 'unknown';
}

/** The product's own seeding entry point, from whichever checkout it is run. */
export type OpenServices = typeof openServices;

/**
 * Seeds an installation the way an operator would, through the domain
 * services of the product at hand: an administrator, a đảng bộ and a chi bộ,
 * members with passwords (hashed as that product hashes them), and meetings
 * created with services.meetings.createMeeting (so each document is the real
 * template). The database is closed again before the server starts.
 */
export async function seedWith(open: OpenServices, dataDir: string, counts: SeedCounts): Promise<SeededInstallation> {
  // DATABASE_URL as the servers will read it: the cluster bench seeds PostgreSQL.
  const { services, handle } = await open({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined });
  try {
    const setup = await services.organisations.completeSetup({
      adminName: 'Quản trị',
      email: 'admin@bench.vn',
      password: BENCH_PASSWORD,
      committeeName: 'Phường Đo Tải',
      cellName: 'Khu phố Đo Tải',
    });
    const users: SeededInstallation['users'] = [];
    for (let i = 0; i < SIGNED_IN_USERS; i++) {
      const user = { email: `member${i + 1}@bench.vn`, name: `Đảng viên ${i + 1}` };
      const row = await services.organisations.addMember(setup.cellId, {
        ...user,
        role: i === 0 ? 'secretary' : 'member',
        status: 'full',
      });
      await services.accounts.setPassword(row.userId, BENCH_PASSWORD);
      users.push(user);
    }
    const signinEmails: string[] = [];
    for (let i = 0; i < counts.signinAccounts; i++) {
      const email = `signin${i + 1}@bench.vn`;
      const row = await services.organisations.addMember(setup.cellId, {
        email,
        name: `Đăng nhập ${i + 1}`,
        role: 'member',
        status: 'full',
      });
      await services.accounts.setPassword(row.userId, BENCH_PASSWORD);
      signinEmails.push(email);
    }
    const stored = await services.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', users[0]!.email)
      .executeTakeFirst();
    const secretary = (await services.accounts.findByEmail(users[0]!.email))!;
    const create = (i: number) =>
      services.meetings.createMeeting(
        setup.cellId,
        {
          kind: 'regular',
          startsAt: `2026-12-${String(1 + (i % 28)).padStart(2, '0')}T19:30`,
          place: `Nhà văn hóa ${i + 1}`,
        },
        secretary.id,
      );
    const meetingIds: string[] = [];
    for (let i = 0; i < counts.meetings; i++) meetingIds.push((await create(i)).id);
    const memoryMeetingIds: string[] = [];
    for (let i = 0; i < counts.memoryMeetings; i++) memoryMeetingIds.push((await create(counts.meetings + i)).id);
    const pageMeetingId = (await create(0)).id;

    const big = await create(1);
    const initial = await storedState(services.docStore, big.id);
    const grown = growDocument(initial, counts.bigBytes);
    await services.docStore.append([{ docId: big.id, data: grown }]);
    return {
      users,
      signinEmails,
      passwordHashKind: hashKind(stored?.password_hash),
      meetingIds,
      memoryMeetingIds,
      templateState: await storedState(services.docStore, pageMeetingId),
      bigMeetingId: big.id,
      bigMeetingBytes: Y.mergeUpdates([initial, grown]).length,
      pageMeetingId,
    };
  } finally {
    await handle.close();
  }
}

/** Marks the child's answer on its standard output, whatever else the product prints there. */
export const SEEDED_MARK = 'bench-seeded ';

/**
 * Seeds `dataDir` with the product checkout at `productRoot`: in a process of
 * its own started in that directory (its tsx, its node_modules, its schema and
 * its password hashing), so that another version of the product never shares
 * this process's modules (two copies of Yjs, two SQLite bindings). Only the
 * stored bytes and ids come back.
 */
export async function seedInstallation(
  dataDir: string,
  counts: SeedCounts,
  productRoot: string,
  env: Record<string, string> = {},
): Promise<SeededInstallation> {
  const script = path.join(import.meta.dirname, 'seed-in-checkout.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, JSON.stringify(counts)], {
    cwd: productRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = stdout.split('\n').find((l) => l.startsWith(SEEDED_MARK));
  if (code !== 0 || !line) throw new Error(`seeding with ${productRoot} failed (exit ${code}):\n${stderr}`);
  const answer = JSON.parse(line.slice(SEEDED_MARK.length)) as Omit<SeededInstallation, 'templateState'> & {
    templateState: string;
  };
  return { ...answer, templateState: new Uint8Array(Buffer.from(answer.templateState, 'base64')) };
}
