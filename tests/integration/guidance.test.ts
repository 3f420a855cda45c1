import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../server/services/accounts';
import { addMemberWithPassword, attachOverseer, seedCell, TEST_PASSWORD, type CellFixture } from '../helpers/fixtures';
import { startInProcess, type InProcessServer } from '../helpers/in-process';
import { makeDataDir, removeDataDir } from '../helpers/server';
import { describeEachDatabase } from '../helpers/temp-database';

describe('guidance from the committee on approved minutes', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;
  let overseer: SessionUser;
  let approvedId: string;
  let draftId: string;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    const { services } = fixture;
    overseer = await addMemberWithPassword(
      services,
      fixture.otherCellId,
      'Võ Văn Giám',
      'giam@test.vn',
      'member',
      'full',
    );
    await attachOverseer(services, overseer.id, fixture.cellId);
    const create = async (startsAt: string, state: 'approved' | 'closed') => {
      const meeting = await services.meetings.createMeeting(
        fixture.cellId,
        { kind: 'regular', startsAt, place: 'Nhà văn hóa' },
        fixture.secretary.id,
      );
      await services.db
        .updateTable('meetings')
        .set({
          state,
          ...(state === 'approved'
            ? { approved_at: `${startsAt.slice(0, 10)}T14:00:00.000Z`, content_hash: 'c'.repeat(64) }
            : {}),
        })
        .where('id', '=', meeting.id)
        .execute();
      return meeting.id;
    };
    approvedId = await create('2026-11-07T19:30', 'approved');
    draftId = await create('2026-11-21T19:30', 'closed');
    await fixture.handle.close();
    server = await startInProcess(dataDir);
  });

  afterAll(async () => {
    await server?.app.close();
    removeDataDir(dataDir);
  });

  const followUp = () => server.app.runtime.meetings.followUp;
  const records = () => server.app.runtime.meetings.records;
  const give = (user: SessionUser, input: { meetingId: string; body: string; sectionId?: string }) =>
    followUp().giveGuidance(user, input);

  it('is given by an overseer of the cell only, and only on approved minutes', async () => {
    const body = 'Chi bộ cần nêu rõ người chịu trách nhiệm và thời hạn của từng nhiệm vụ.';
    for (const user of [fixture.member, fixture.secretary, fixture.admin]) {
      await expect(give(user, { meetingId: approvedId, body })).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(give(fixture.stranger, { meetingId: approvedId, body })).rejects.toMatchObject({ status: 404 });
    // Drafts are the cell's: for the overseer the meeting is not there at all.
    await expect(give(overseer, { meetingId: draftId, body })).rejects.toMatchObject({ status: 404 });
    await expect(give(overseer, { meetingId: approvedId, body: '   ' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(give(overseer, { meetingId: approvedId, body, sectionId: 'no-such-section' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { sectionId: 'unknown_section' },
    });
    expect((await records().meetingRecord(fixture.member, approvedId)).guidance).toEqual([]);
  });

  it('is kept with its author, time and section, read on the minutes and in the next meeting’s preparation', async () => {
    const sections = (await records().meetingRecord(overseer, approvedId)).guidanceSections;
    expect(sections.length).toBeGreaterThan(1);
    const section = sections[1]!;
    await give(overseer, { meetingId: approvedId, body: 'Đề nghị bổ sung số liệu đảng phí quý IV.' });
    await give(overseer, {
      meetingId: approvedId,
      sectionId: section.sectionId,
      body: 'Phần này cần ghi rõ ý kiến khác.',
    });

    const onMinutes = (await records().meetingRecord(fixture.member, approvedId)).guidance;
    expect(onMinutes.map((g) => [g.sectionTitle, g.body, g.authorName])).toEqual([
      [null, 'Đề nghị bổ sung số liệu đảng phí quý IV.', 'Võ Văn Giám'],
      [section.title, 'Phần này cần ghi rõ ý kiến khác.', 'Võ Văn Giám'],
    ]);
    expect(Date.parse(onMinutes[0]!.createdAt)).not.toBeNaN();

    // The December meeting, still to be held, lists it in its preparation.
    const next = await records().meetingRecord(fixture.secretary, fixture.meetingId);
    expect(next.guidanceSinceLast.map((g) => g.body)).toEqual([
      'Đề nghị bổ sung số liệu đảng phí quý IV.',
      'Phần này cần ghi rõ ý kiến khác.',
    ]);
    expect(next.guidanceSinceLast[0]!.meetingId).toBe(approvedId);

    const audit = await server.app.runtime.services.audit.list({ cells: [fixture.cellId], action: 'guidance.given' });
    expect(audit).toHaveLength(2);
  });
});

describeEachDatabase('guidance in the database', (db) => {
  it('is kept as written: a row can be added, never changed or removed', async () => {
    const { services } = db();
    const setup = await services.organisations.completeSetup({
      adminName: 'Quản trị',
      email: 'admin@test.vn',
      password: TEST_PASSWORD,
      committeeName: 'Phường Thử',
      cellName: 'Khu phố 1',
    });
    const meeting = await services.meetings.createMeeting(
      setup.cellId,
      { kind: 'regular', startsAt: '2026-10-03T19:30', place: 'Nhà văn hóa' },
      null,
    );
    await services.db
      .insertInto('guidance')
      .values({
        id: 'g1',
        meeting_id: meeting.id,
        cell_id: setup.cellId,
        author_id: setup.adminId,
        section_id: null,
        section_title: null,
        body: 'Ý kiến ban đầu',
        created_at: new Date().toISOString(),
      })
      .execute();
    await expect(
      services.db.updateTable('guidance').set({ body: 'Đã sửa' }).where('id', '=', 'g1').execute(),
    ).rejects.toThrow(/kept as written/);
    await expect(services.db.deleteFrom('guidance').where('id', '=', 'g1').execute()).rejects.toThrow(
      /kept as written/,
    );
    const row = await services.db.selectFrom('guidance').select('body').where('id', '=', 'g1').executeTakeFirst();
    expect(row?.body).toBe('Ý kiến ban đầu');
  });
});
