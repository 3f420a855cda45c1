import { randomUUID } from 'node:crypto';
import type { DbHandle } from '../../server/db/connection';
import { openServices } from '../../server/bootstrap';
import type { Services } from '../../server/services';
import type { SessionUser } from '../../server/services/accounts';
import type { MemberRole, MemberStatus } from '../../lib/domain';

export const TEST_PASSWORD = 'correct horse battery';

export interface CellFixture {
  services: Services;
  handle: DbHandle;
  cellId: string;
  otherCellId: string;
  meetingId: string;
  admin: SessionUser;
  secretary: SessionUser;
  member: SessionUser;
  exempted: SessionUser;
  stranger: SessionUser;
}

/** Adds a member to a cell, with the test password set. */
export async function addMemberWithPassword(
  services: Services,
  cellId: string,
  name: string,
  email: string,
  role: MemberRole,
  status: MemberStatus,
): Promise<SessionUser> {
  const row = await services.organisations.addMember(cellId, { name, email, role, status });
  await services.accounts.setPassword(row.userId, TEST_PASSWORD);
  return (await services.accounts.getUser(row.userId))!;
}

/**
 * An installation with one đảng bộ, two chi bộ, a secretary, an ordinary
 * member and an exempted member (read-only) in the first, a stranger in the
 * second, and one regular meeting of the first cell.
 */
export async function seedCell(dataDir: string, databaseUrl?: string): Promise<CellFixture> {
  const { services, handle } = await openServices({ dataDir, databaseUrl });
  const setup = await services.organisations.completeSetup({
    adminName: 'Quản trị',
    email: 'admin@test.vn',
    password: TEST_PASSWORD,
    committeeName: 'Phường Thử',
    cellName: 'Khu phố 1',
  });
  const other = await services.organisations.createCell(setup.committeeId, 'Khu phố 2');
  const secretary = await addMemberWithPassword(
    services,
    setup.cellId,
    'Nguyễn Văn An',
    'an@test.vn',
    'secretary',
    'full',
  );
  const ordinary = await addMemberWithPassword(
    services,
    setup.cellId,
    'Trần Thị Bình',
    'binh@test.vn',
    'member',
    'full',
  );
  const exempted = await addMemberWithPassword(
    services,
    setup.cellId,
    'Lê Văn Cường',
    'cuong@test.vn',
    'member',
    'exempted',
  );
  const stranger = await addMemberWithPassword(services, other.id, 'Phạm Thị Dung', 'dung@test.vn', 'member', 'full');
  const meeting = await services.meetings.createMeeting(
    setup.cellId,
    { kind: 'regular', startsAt: '2026-12-05T19:30', place: 'Nhà văn hóa khu phố 1' },
    secretary.id,
  );
  return {
    services,
    handle,
    cellId: setup.cellId,
    otherCellId: other.id,
    meetingId: meeting.id,
    admin: (await services.accounts.getUser(setup.adminId))!,
    secretary,
    member: ordinary,
    exempted,
    stranger,
  };
}

/** Makes `userId` an overseer of the cell, as the cell's settings would. */
export async function attachOverseer(services: Services, userId: string, cellId: string): Promise<void> {
  await services.db
    .insertInto('oversights')
    .values({ user_id: userId, cell_id: cellId, created_at: new Date().toISOString() })
    .execute();
}

/** A task of a meeting, assigned to one member, written straight into the rows (as a projection would). */
export async function insertTask(
  db: Services['db'],
  task: { meetingId: string; cellId: string; body: string; assigneeId: string },
): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('tasks')
    .values({
      id,
      meeting_id: task.meetingId,
      cell_id: task.cellId,
      body: task.body,
      due_date: null,
      status: 'not_started',
      position: 1,
      created_at: now,
      updated_at: now,
      updated_by: null,
    })
    .execute();
  await db.insertInto('task_assignees').values({ task_id: id, user_id: task.assigneeId, position: 0 }).execute();
  return id;
}
