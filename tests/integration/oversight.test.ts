import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceStatus } from '../../lib/rules/attendance';
import type { SessionUser } from '../../server/services/accounts';
import { addMemberWithPassword, attachOverseer, insertTask, seedCell, type CellFixture } from '../helpers/fixtures';
import { startInProcess, type InProcessServer } from '../helpers/in-process';
import { makeDataDir, removeDataDir } from '../helpers/server';

/**
 * The committee's overview computed from a seeded half-year of two cells:
 * what each reader is shown, and every figure of it, derived from the
 * meetings' rows, the attendance recorded and the tasks.
 */
describe('the overview of the cells by month', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;
  let overseer: SessionUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    const { services } = fixture;
    const db = services.db;
    overseer = await addMemberWithPassword(
      services,
      fixture.otherCellId,
      'Võ Văn Giám',
      'giam@test.vn',
      'member',
      'full',
    );
    await attachOverseer(services, overseer.id, fixture.cellId);

    const held = async (
      key: string,
      cellId: string,
      day: string,
      minutes: number | null,
      state: 'approved' | 'closed' | 'not_held',
      marks: [SessionUser, AttendanceStatus][] = [],
    ) => {
      const meeting = await services.meetings.createMeeting(
        cellId,
        { kind: 'regular', startsAt: `${day}T19:30`, place: 'Nhà văn hóa' },
        fixture.secretary.id,
      );
      const start = Date.parse(`${day}T12:30:00Z`);
      await db
        .updateTable('meetings')
        .set({
          state,
          started_at: minutes === null ? null : new Date(start).toISOString(),
          ended_at: minutes === null ? null : new Date(start + minutes * 60_000).toISOString(),
          ...(state === 'not_held'
            ? {
                not_held_reason: 'postponed',
                not_held_note: 'Bão, hoãn sang tháng sau.',
                not_held_at: `${day}T01:00:00Z`,
              }
            : {}),
        })
        .where('id', '=', meeting.id)
        .execute();
      for (const [user, status] of marks) {
        await db
          .insertInto('attendance')
          .values({ meeting_id: meeting.id, user_id: user.id, status, reason: null, marked_at: `${day}T12:31:00Z` })
          .execute();
      }
      ids[key] = meeting.id;
    };
    await held('jan', fixture.cellId, '2026-01-03', 95, 'approved', [
      [fixture.secretary, 'present'],
      [fixture.member, 'absent_without_reason'],
    ]);
    await held('feb', fixture.cellId, '2026-02-07', 80, 'approved', [
      [fixture.secretary, 'present'],
      [fixture.member, 'late'],
      [fixture.exempted, 'present'],
    ]);
    await held('mar', fixture.cellId, '2026-03-07', null, 'not_held');
    await held('apr', fixture.cellId, '2026-04-04', 100, 'closed', [[fixture.secretary, 'present']]);
    await held('otherJan', fixture.otherCellId, '2026-01-10', 120, 'approved', [[fixture.stranger, 'present']]);
    // Overdue: due long ago and not done; the second is done, the third due far ahead.
    const task = (body: string, due: string, status: 'not_started' | 'done') =>
      insertTask(db, { meetingId: ids.jan!, cellId: fixture.cellId, body, assigneeId: fixture.member.id }).then((id) =>
        db.updateTable('tasks').set({ due_date: due, status }).where('id', '=', id).execute(),
      );
    await task('Sửa đường làng', '2026-02-01', 'not_started');
    await task('Thu đảng phí', '2026-02-01', 'done');
    await task('Chuẩn bị đại hội', '2099-01-01', 'not_started');
    await fixture.handle.close();
    server = await startInProcess(dataDir);
  });

  afterAll(async () => {
    await server?.app.close();
    removeDataDir(dataDir);
  });

  const overview = (user: SessionUser) =>
    server.app.runtime.meetings.records.oversight(user, { from: '2026-01', to: '2026-04' });

  it('gives the overseer the cells they oversee and belong to, with approved minutes and the month not held', async () => {
    const { cells, months } = await overview(overseer);
    expect(months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(cells.map((c) => c.cellName).sort()).toEqual(['Khu phố 1', 'Khu phố 2']);
    const first = cells.find((c) => c.cellId === fixture.cellId)!;
    expect(first.months['2026-01']).toEqual([
      {
        id: ids.jan,
        title: expect.any(String),
        kind: 'regular',
        state: 'approved',
        durationMinutes: 95,
        minimumMinutes: 90,
        present: 1,
        expected: 2,
        absentWithoutReason: 1,
        notHeld: null,
      },
    ]);
    // The exempted member who came counts as present; the expected stay the two who must attend.
    expect(first.months['2026-02']![0]).toMatchObject({
      durationMinutes: 80,
      present: 3,
      expected: 2,
      absentWithoutReason: 0,
    });
    expect(first.months['2026-03']![0]).toMatchObject({
      state: 'not_held',
      durationMinutes: null,
      notHeld: { reason: 'postponed', note: 'Bão, hoãn sang tháng sau.' },
    });
    // Minutes not approved yet are the cell's own: the overseer does not count them.
    expect(first.months['2026-04']).toEqual([]);
    expect(first.overdueTasks).toBe(1);
    expect(first.probationary).toBe(0);
  });

  it('gives a member their own cell only, drafts included', async () => {
    const { cells } = await overview(fixture.member);
    expect(cells.map((c) => c.cellId)).toEqual([fixture.cellId]);
    expect(cells[0]!.months['2026-04']![0]).toMatchObject({ id: ids.apr, state: 'closed', durationMinutes: 100 });
    expect((await overview(fixture.stranger)).cells.map((c) => c.cellId)).toEqual([fixture.otherCellId]);
  });

  it('counts probationary members as the cell lists them today', async () => {
    await addMemberWithPassword(
      server.app.runtime.services,
      fixture.cellId,
      'Đỗ Minh Khôi',
      'khoi@test.vn',
      'member',
      'probationary',
    );
    const first = (await overview(fixture.admin)).cells.find((c) => c.cellId === fixture.cellId)!;
    expect(first.probationary).toBe(1);
  });
});
