import { beforeAll, expect, it } from 'vitest';
import { fillMinutes } from '../../lib/minutes/fill';
import { createServices } from '../../server/services';
import { outline, storedMinutesJson } from '../helpers/minutes-outline';
import { describeEachDatabase } from '../helpers/temp-database';

const MISSING_ID = '6f0b8a9e-3c1d-4e2f-9a7b-1c2d3e4f5a6b';

describeEachDatabase('meetings', (db) => {
  let cellId = '';

  beforeAll(async () => {
    const { organisations } = db().services;
    const committee = await organisations.createCommittee('Đảng bộ phường Tân Định');
    cellId = (await organisations.createCell(committee.id, 'Chi bộ khu phố 3')).id;
  });

  it('stores exactly one initial update holding the filled-in template', async () => {
    const { meetings, docStore } = db().services;
    const meeting = await meetings.createMeeting(
      cellId,
      { kind: 'regular', startsAt: '2026-11-05T19:30', place: 'Nhà văn hóa' },
      null,
    );
    expect(meeting).toMatchObject({ state: 'scheduled', title: 'Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026' });
    expect(await docStore.logLength(meeting.id)).toBe(1);
    const lines = outline(await storedMinutesJson(docStore, meeting.id));
    expect(lines.slice(0, 2)).toEqual(['paragraph ĐẢNG BỘ PHƯỜNG TÂN ĐỊNH', 'paragraph[bold] CHI BỘ KHU PHỐ 3']);
    expect(lines).toContain('heading2 II. NỘI DUNG');
  });

  it('keeps a title given by the user', async () => {
    const meeting = await db().services.meetings.createMeeting(
      cellId,
      {
        kind: 'thematic',
        startsAt: '2026-12-12T08:00',
        place: 'Hội trường',
        title: 'Chuyên đề học tập và làm theo Bác',
      },
      null,
    );
    expect(meeting.title).toBe('Chuyên đề học tập và làm theo Bác');
  });

  it("writes a generic meeting in the organisation's language", async () => {
    const { meetings, docStore } = db().services;
    const { handle } = db();
    const meeting = await meetings.createMeeting(
      cellId,
      { kind: 'generic', startsAt: '2026-12-01T09:00', place: 'Phòng 2' },
      null,
    );
    expect(meeting.title).toBe('Cuộc họp ngày 01/12/2026');
    expect(outline(await storedMinutesJson(docStore, meeting.id))).toContain('heading2 4. Quyết định');

    const english = createServices(handle, { language: 'en' });
    const inEnglish = await english.meetings.createMeeting(
      cellId,
      { kind: 'generic', startsAt: '2026-12-02T09:00', place: 'Room 2' },
      null,
    );
    expect(inEnglish.title).toBe('Meeting of 02/12/2026');
    expect(outline(await storedMinutesJson(docStore, inEnglish.id))).toContain('heading2 4. Decisions');
  });

  it('refuses a cell that does not exist and stores nothing', async () => {
    const { meetings, db: kysely } = db().services;
    const before = await kysely
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      meetings.createMeeting(MISSING_ID, { kind: 'regular', startsAt: '2026-11-05T19:30', place: 'x' }, null),
    ).rejects.toMatchObject({ code: 'cell_not_found' });
    const after = await kysely
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await meetings.getMeeting(MISSING_ID)).toBeNull();
  });

  it('refuses a committee id where a cell is expected', async () => {
    const { meetings, organisations } = db().services;
    const committee = await organisations.createCommittee('Đảng bộ xã Hòa Bình');
    await expect(
      meetings.createMeeting(committee.id, { kind: 'regular', startsAt: '2026-11-05T19:30', place: 'x' }, null),
    ).rejects.toMatchObject({ code: 'cell_not_found' });
  });

  it('records a past meeting with its written minutes in the one initial update', async () => {
    const { meetings, docStore } = db().services;
    const meeting = await meetings.createMeeting(
      cellId,
      { kind: 'regular', startsAt: '2026-10-05T19:30', place: 'Nhà văn hóa' },
      null,
      {
        state: 'closed',
        editContent: (content) => fillMinutes(content, { sections: { '5. Các vấn đề khác': ['Không có.'] } }).doc,
      },
    );
    expect((await meetings.requireMeeting(meeting.id)).state).toBe('closed');
    expect(await docStore.logLength(meeting.id)).toBe(1);
    const lines = outline(await storedMinutesJson(docStore, meeting.id));
    expect(lines[lines.indexOf('heading3 5. Các vấn đề khác') + 1]).toBe('paragraph Không có.');
  });

  it('lists a cell’s meetings newest first', async () => {
    const list = await db().services.meetings.listMeetings(cellId);
    const starts = list.map((m) => m.starts_at);
    expect(starts).toEqual([...starts].sort().reverse());
    expect(list.length).toBeGreaterThanOrEqual(4);
  });

  it('reports a missing meeting as not found', async () => {
    await expect(db().services.meetings.requireMeeting(MISSING_ID)).rejects.toMatchObject({
      code: 'meeting_not_found',
    });
  });
});
