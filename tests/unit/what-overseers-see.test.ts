import { expect, it } from 'vitest';
import { createMeetingRecord } from '../../server/meeting';
import { reviewItemsFor } from '../../server/meeting/carry-over';
import { createStoredDocs } from '../../server/meeting/stored-docs';
import { insertTask } from '../helpers/fixtures';
import { describeEachDatabase } from '../helpers/temp-database';

/**
 * Overseers read the approved minutes of the cells they oversee and nothing
 * before approval: the cell's meeting list and task board show them exactly
 * that, as the policy shows them the minutes themselves. Members see every
 * meeting they take part in, and no committee meeting they were not invited to.
 */
describeEachDatabase('what an overseer and a member find in a cell', (db) => {
  it('lists approved minutes and their tasks to an overseer, drafts and committee meetings to nobody outside', async () => {
    const { services } = db();
    const { organisations, accounts, meetings } = services;
    const committee = await organisations.createCommittee('Phường Hai');
    const cell = await organisations.createCell(committee.id, 'Khu phố 3');
    const member = await organisations.addMember(cell.id, {
      name: 'Đảng viên',
      email: 'dv@test.vn',
      role: 'member',
      status: 'full',
    });
    const overseer = await accounts.createUser({ email: 'pt@test.vn', name: 'Phụ trách' });
    await services.db
      .insertInto('oversights')
      .values({ user_id: overseer.id, cell_id: cell.id, created_at: '' })
      .execute();
    const create = async (kind: 'regular' | 'committee', startsAt: string, state: 'approved' | 'in_progress') => {
      const m = await meetings.createMeeting(cell.id, { kind, startsAt, place: 'Nhà văn hóa' }, null);
      await services.db.updateTable('meetings').set({ state }).where('id', '=', m.id).execute();
      await insertTask(services.db, {
        meetingId: m.id,
        cellId: cell.id,
        body: `Việc của ${kind} ${state}`,
        assigneeId: member.userId,
      });
      return m.id;
    };
    const approved = await create('regular', '2026-10-05T19:30', 'approved');
    const draft = await create('regular', '2026-12-05T19:30', 'in_progress');
    const committeeMeeting = await create('committee', '2026-12-01T19:30', 'in_progress');

    const record = createMeetingRecord(services);
    const { records } = record.attach(createStoredDocs(services.docStore, record.hooks));
    const memberUser = (await accounts.getUser(member.userId))!;

    expect((await records.listMeetings(overseer, cell.id)).map((m) => m.id)).toEqual([approved]);
    expect((await records.taskBoard(overseer, cell.id)).map((t) => t.meetingId)).toEqual([approved]);
    expect((await records.listMeetings(memberUser, cell.id)).map((m) => m.id).sort()).toEqual([approved, draft].sort());
    expect((await records.myTasks(memberUser)).map((t) => t.meetingId).sort()).toEqual([approved, draft].sort());
    expect((await records.taskBoard(memberUser, cell.id)).map((t) => t.meetingId)).not.toContain(committeeMeeting);

    // A later ordinary meeting reviews the tasks of ordinary meetings only: the committee's stay with the committee.
    const next = await meetings.createMeeting(
      cell.id,
      { kind: 'regular', startsAt: '2027-01-05T19:30', place: 'x' },
      null,
    );
    expect((await reviewItemsFor(services.db, next)).map((i) => i.meetingId).sort()).toEqual([approved, draft].sort());
    const nextCommittee = await meetings.createMeeting(
      cell.id,
      { kind: 'committee', startsAt: '2027-01-02T19:30', place: 'x' },
      null,
    );
    expect((await reviewItemsFor(services.db, nextCommittee)).map((i) => i.meetingId).sort()).toEqual(
      [approved, draft, committeeMeeting].sort(),
    );
  });
});
