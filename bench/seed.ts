import * as Y from 'yjs';
import { openServices } from '../server/bootstrap';
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

export interface SeededInstallation {
  users: { email: string; name: string }[];
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

/**
 * Seeds an installation the way an operator would, through the domain
 * services: an administrator, a đảng bộ and a chi bộ, members with
 * passwords, and meetings created with services.meetings.createMeeting (so
 * each document is the real template). The database is closed again before
 * the server starts.
 */
export async function seedInstallation(
  dataDir: string,
  counts: { meetings: number; memoryMeetings: number; bigBytes: number },
): Promise<SeededInstallation> {
  const { services, handle } = await openServices({ dataDir, databaseUrl: undefined });
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
