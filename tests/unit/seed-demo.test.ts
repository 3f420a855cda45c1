import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { MEMBER_ROLES, MEMBER_STATUSES } from '../../lib/domain';
import { meetingDoc, type ReviewItem } from '../../lib/meeting-doc/layout';
import { DEMO_CELLS } from '../../server/cli/demo-cells';
import { DEMO, DEMO_MEMBERS } from '../../server/cli/demo-organisation';
import { seedDemo, type DemoSummary } from '../../server/cli/seed-demo';
import { createMeetingRecord } from '../../server/meeting';
import { cellTasks } from '../../server/meeting/carry-over';
import { contentHash, meetingContent } from '../../server/meeting/content';
import { verifySealedVersion } from '../../server/meeting/seal';
import { createStoredDocs } from '../../server/meeting/stored-docs';
import type { Services } from '../../server/services';
import { outline, storedMinutesJson } from '../helpers/minutes-outline';
import { describeEachDatabase } from '../helpers/temp-database';

// Three cells' years held through the operations, some fifty meetings: give the suite room.
const SLOW = { timeout: 180_000 };
const NOW = new Date(2026, 10, 20, 10, 0);
const HASH = /^[0-9a-f]{64}$/;

/** A meeting's document as the database holds it (snapshot plus log). */
async function storedDoc(services: Services, meetingId: string): Promise<Y.Doc> {
  const stored = await services.docStore.load(meetingId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const row of stored.updates) Y.applyUpdate(doc, row.data);
  return doc;
}

// Seeding on an empty installation is covered end to end in cli.test.ts; this
// suite seeds beside an existing organisation, the other path.
describeEachDatabase('demo seed beside an existing organisation', (db) => {
  let first: DemoSummary;
  const past = () => first.meetings[1]!;
  const upcoming = () => first.meetings[0]!;
  const member = (name: string) => first.members.find((m) => m.name === name)!;

  it('adds a new đảng bộ and chi bộ without a demo administrator', SLOW, async () => {
    const { organisations } = db().services;
    const own = await organisations.completeSetup({
      adminName: 'Quản trị',
      email: 'admin@phuong.vn',
      password: 'mật khẩu đủ dài',
      committeeName: 'Đảng bộ xã Hòa Bình',
      cellName: 'Chi bộ thôn 1',
    });
    first = await seedDemo(db().services, NOW);
    expect(first).toMatchObject({ created: true, admin: null, password: DEMO.password, warnings: [] });
    expect(first.committeeId).not.toBe(own.committeeId);
    expect(await organisations.getCell(first.cellId)).toMatchObject({
      name: DEMO.cellName,
      committeeName: DEMO.committeeName,
    });
  });

  it('gives every member the printed password and covers every role and status', async () => {
    const { accounts } = db().services;
    expect(first.members).toHaveLength(DEMO_MEMBERS.length);
    expect(new Set(first.members.map((m) => m.role))).toEqual(new Set(MEMBER_ROLES));
    expect(new Set(first.members.map((m) => m.status))).toEqual(new Set(MEMBER_STATUSES));
    expect(first.members[0]).toMatchObject({ name: 'Nguyễn Văn Hùng', role: 'secretary' });
    const secretary = first.members[0]!;
    expect(await accounts.verifyCredentials({ email: secretary.email! }, DEMO.password)).toMatchObject({
      id: secretary.userId,
    });
  });

  it('seals last month’s meeting with a content hash that verifies against the stored version and document', async () => {
    const { services } = db();
    expect(past()).toMatchObject({
      startsAt: '2026-10-05T19:30',
      state: 'approved',
      title: 'Sinh hoạt chi bộ thường kỳ tháng 10 năm 2026',
    });
    expect(upcoming()).toMatchObject({ startsAt: '2026-12-05T19:30', state: 'scheduled', sealedHash: null });
    const meeting = await services.meetings.requireMeeting(past().id);
    expect(meeting.content_hash).toMatch(HASH);
    expect(past().sealedHash).toBe(meeting.content_hash);
    expect(await verifySealedVersion(services, past().id)).toEqual({
      stored: meeting.content_hash,
      recomputed: meeting.content_hash,
    });
    // Nothing was written into the document after sealing.
    expect(contentHash(meetingContent(meeting, await storedDoc(services, past().id))).hash).toBe(meeting.content_hash);
    const acknowledged = await services.db
      .selectFrom('acknowledgments')
      .select(['role', 'user_id'])
      .where('meeting_id', '=', past().id)
      .execute();
    expect(new Map(acknowledged.map((a) => [a.role, a.user_id]))).toEqual(
      new Map([
        ['chair', member('Nguyễn Văn Hùng').userId],
        ['secretary', member('Lê Minh Tuấn').userId],
      ]),
    );
  });

  it('dates the past meeting on its evening, long enough for a regular meeting', async () => {
    const { services } = db();
    const meeting = await services.meetings.requireMeeting(past().id);
    // 19:30–21:15 in Hà Nội (UTC+7), whatever the zone of the machine that seeds.
    expect(meeting.started_at).toBe('2026-10-05T12:30:00.000Z');
    expect(meeting.ended_at).toBe('2026-10-05T14:15:00.000Z');
    const doc = await storedDoc(services, past().id);
    expect(meetingDoc.minutes(doc).toString()).toContain('19 giờ 30');
    expect(meetingDoc.session(doc).get('startedAt')).toBe(meeting.started_at);
    expect(meetingDoc.session(doc).get('endedAt')).toBe(meeting.ended_at);
    const stamps = [
      ...Array.from(meetingDoc.attendance(doc).values()).map((a) => a.at),
      ...Array.from(meetingDoc.votes(doc).values()).flatMap((v) => [v.openedAt, v.closedAt!]),
      meetingDoc.session(doc).get('readBackAt')!,
    ];
    for (const at of stamps) expect(at >= meeting.started_at! && at <= meeting.ended_at!, at).toBe(true);
  });

  it('records attendance, opinions and passed votes through the live operations', async () => {
    const { services } = db();
    const attendance = await services.db
      .selectFrom('attendance')
      .selectAll()
      .where('meeting_id', '=', past().id)
      .execute();
    const statusOf = (name: string) => attendance.find((a) => a.user_id === member(name).userId);
    expect(attendance.filter((a) => a.status === 'present' || a.status === 'late')).toHaveLength(9);
    expect(statusOf('Đỗ Minh Khôi')?.status).toBe('late');
    expect(statusOf('Huỳnh Thị Ngọc Ánh')).toMatchObject({ status: 'absent_with_reason', reason: 'Đi công tác' });
    expect(statusOf('Trương Văn Lộc')).toBeUndefined();

    const opinions = await services.db
      .selectFrom('opinions')
      .selectAll()
      .where('meeting_id', '=', past().id)
      .orderBy('position')
      .execute();
    expect(opinions).toHaveLength(8);
    expect(opinions[0]).toMatchObject({
      speaker_id: member('Hoàng Văn Nam').userId,
      speaker_name: 'Hoàng Văn Nam',
      section_id: 's-2-1',
    });
    expect(opinions[0]!.body).toContain('hẻm 12');

    const votes = await services.db
      .selectFrom('votes')
      .selectAll()
      .where('meeting_id', '=', past().id)
      .orderBy('opened_at')
      .execute();
    expect(votes.map((v) => [v.subject, v.state, v.count_for, v.present, v.passed])).toEqual([
      ['resolution', 'closed', 9, 9, 1],
      ['minutes', 'closed', 9, 9, 1],
    ]);
  });

  it('writes the prose, opinions, tasks and vote results in their sections, above the closing lines', async () => {
    const written = outline(await storedMinutesJson(db().services.docStore, past().id));
    expect(written).toContain('paragraph[italic] Tân Định, ngày 05 tháng 10 năm 2026');
    expect(written).toContain('paragraph Chủ trì: đồng chí Nguyễn Văn Hùng, Bí thư chi bộ.');
    expect(written).toContain(
      'paragraph Biểu quyết thông qua nhiệm vụ tháng 10: 9/9 đồng chí có mặt tán thành (100%).',
    );
    expect(written.filter((line) => line.startsWith('hint'))).toEqual([]);
    expect(written.filter((line) => line === 'paragraph')).toEqual([]);
    const at = (line: string) => written.findIndex((l) => l.startsWith(line));
    expect(at('heading3 3. Nhiệm vụ')).toBeLessThan(at('task Hoàn thành rà soát hộ nghèo'));
    expect(at('task Hoàn thành rà soát hộ nghèo')).toBeLessThan(at('heading3 4. Công tác xây dựng Đảng'));
    expect(at('opinion đề nghị chi bộ phản ánh')).toBeLessThan(
      at('paragraph Kết luận của đồng chí chủ trì: chi bộ tiếp thu'),
    );
    expect(written.filter((line) => line === 'voteResult')).toHaveLength(2);
    expect(written.lastIndexOf('voteResult')).toBeLessThan(at('paragraph Cuộc họp kết thúc vào lúc 21 giờ 15 phút'));
  });

  it('projects the tasks with their assignees and the progress reported since', async () => {
    const tasks = (await cellTasks(db().services.db, first.cellId))
      .filter((t) => t.meetingId === past().id)
      .sort((a, b) => a.position - b.position);
    // The database keeps assignees as a set: compare them sorted.
    const names = (assignees: { name: string }[]) => assignees.map((a) => a.name).sort();
    expect(tasks.map((t) => [t.status, t.dueDate, names(t.assignees)])).toEqual([
      ['in_progress', '2026-10-20', ['Đặng Quốc Bảo', 'Đỗ Minh Khôi']],
      ['done', '2026-10-11', ['Hoàng Văn Nam']],
      ['done', '2026-10-15', ['Lê Minh Tuấn']],
      ['not_started', '2026-10-31', ['Trần Thị Mai']],
    ]);
  });

  it('carries the unfinished tasks into the upcoming meeting’s review and the assignees’ task lists', async () => {
    const { services } = db();
    const unfinished = (await cellTasks(services.db, first.cellId)).filter((t) => t.status !== 'done');
    // Two of last month's four, and the first task of the month before, still under way.
    expect(unfinished).toHaveLength(3);
    const review = meetingDoc.review(await storedDoc(services, upcoming().id)).toArray() as ReviewItem[];
    expect(new Set(review.map((r) => r.taskId))).toEqual(new Set(unfinished.map((t) => t.id)));
    const survey = review.find((r) => r.text.startsWith('Hoàn thành rà soát hộ nghèo'));
    expect(survey).toMatchObject({ status: 'in_progress', dueDate: '2026-10-20', meetingId: past().id });
    expect(survey?.assignees.map((a) => a.name).sort()).toEqual(['Đặng Quốc Bảo', 'Đỗ Minh Khôi'].sort());

    const { records } = createMeetingRecord(services).attach(
      createStoredDocs(services.docStore, { opened: async () => ({ locked: false }) }),
    );
    const bao = await services.accounts.getUser(member('Đặng Quốc Bảo').userId);
    const mine = await records.myTasks(bao!);
    expect(mine.map((t) => t.id)).toContain(survey!.taskId);
    expect(mine.find((t) => t.id === survey!.taskId)).toMatchObject({ cellId: first.cellId, status: 'in_progress' });
  });

  it('appends an amendment under the sealed minutes', async () => {
    const amendments = await db()
      .services.db.selectFrom('amendments')
      .selectAll()
      .where('meeting_id', '=', past().id)
      .execute();
    expect(amendments).toHaveLength(1);
    expect(amendments[0]).toMatchObject({ author_id: member('Lê Minh Tuấn').userId });
    expect(amendments[0]!.body).toMatch(/^Đính chính mục II\.1/);
    expect(amendments[0]!.content_hash).toMatch(HASH);
  });

  it('reports the existing demo instead of creating a second one', async () => {
    const rows = await db().services.docStore.logLength(past().id);
    const again = await seedDemo(db().services, NOW);
    expect(again).toEqual({ ...first, created: false });
    const cells = await db().services.organisations.cellsFor({
      userId: '',
      isAdmin: true,
      memberships: [],
      oversees: [],
    });
    for (const cell of DEMO_CELLS) expect(cells.filter((c) => c.name === cell.name)).toHaveLength(1);
    expect(await db().services.docStore.logLength(past().id)).toBe(rows);
  });
});
