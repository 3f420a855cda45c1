import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { nodeText } from '../../lib/minutes/fill';
import { connectClient, waitFor, type TestClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { startInProcess, type InProcessServer } from '../helpers/in-process';
import { outline, storedMinutesJson } from '../helpers/minutes-outline';
import { makeDataDir, removeDataDir } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';

/**
 * What the room decided, as the record keeps it: the roll call in one step,
 * a hand raised without a phone, votes closed with too few confirmations,
 * counted hands, reopened votes, and minutes whose facts are written out
 * when they are sealed.
 */
describe('the minutes say what the room decided', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;
  let client: TestClient;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    await fixture.handle.close();
    server = await startInProcess(dataDir);
    client = connectClient(server.wsUrl, fixture.meetingId, await sessionCookieFor(server.secret, fixture.secretary));
    await client.synced();
  });

  afterAll(async () => {
    client?.destroy();
    await server?.app.close();
    removeDataDir(dataDir);
  });

  const live = () => server.app.runtime.meetings.live;
  const followUp = () => server.app.runtime.meetings.followUp;
  const meetingId = () => fixture.meetingId;
  const vote = (voteId: string) => meetingDoc.votes(client.doc).get(voteId);

  it('marks everyone expected present in one step, keeping marks already made and leaving the exempted out', async () => {
    await live().setRoles(fixture.secretary, {
      meetingId: meetingId(),
      chairId: fixture.secretary.id,
      secretaryId: fixture.member.id,
    });
    await live().start(fixture.secretary, { meetingId: meetingId() });
    await live().markAttendance(fixture.member, { meetingId: meetingId(), userId: fixture.member.id, status: 'late' });
    await expect(live().markAllPresent(fixture.exempted, { meetingId: meetingId() })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await live().markAllPresent(fixture.member, { meetingId: meetingId() })).toEqual({ marked: 1 });
    await waitFor(() => meetingDoc.attendance(client.doc).size === 2, 5000, 'the marks did not arrive');
    const marks = meetingDoc.attendance(client.doc);
    expect(marks.get(fixture.secretary.id)?.status).toBe('present');
    expect(marks.get(fixture.member.id)?.status).toBe('late');
    expect(marks.has(fixture.exempted.id)).toBe(false);
  });

  it('lets the chair put a member without a phone on the speaker list, once, and not one marked absent', async () => {
    await expect(
      live().addSpeaker(fixture.member, { meetingId: meetingId(), userId: fixture.secretary.id }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const first = await live().addSpeaker(fixture.secretary, { meetingId: meetingId(), userId: fixture.member.id });
    const again = await live().addSpeaker(fixture.secretary, { meetingId: meetingId(), userId: fixture.member.id });
    expect(again.requestId).toBe(first.requestId);
    await waitFor(() => meetingDoc.speakers(client.doc).has(first.requestId), 5000, 'the request did not arrive');
    expect(meetingDoc.speakers(client.doc).get(first.requestId)).toMatchObject({
      userId: fixture.member.id,
      name: fixture.member.name,
      state: 'waiting',
      addedBy: fixture.secretary.id,
    });
    await live().markAttendance(fixture.member, {
      meetingId: meetingId(),
      userId: fixture.exempted.id,
      status: 'absent_without_reason',
    });
    await expect(
      live().addSpeaker(fixture.secretary, { meetingId: meetingId(), userId: fixture.exempted.id }),
    ).rejects.toMatchObject({ code: 'speaker_not_present' });
    await expect(
      live().addSpeaker(fixture.secretary, { meetingId: meetingId(), userId: fixture.stranger.id }),
    ).rejects.toMatchObject({ code: 'not_a_member' });
  });

  it('asks before closing a vote fewer present members confirmed than are present, and counts the hands when entered', async () => {
    const { voteId } = await live().openVote(fixture.secretary, {
      meetingId: meetingId(),
      subject: 'resolution',
      title: 'Thông qua nghị quyết tháng 12',
      method: 'confirmation',
    });
    await live().castBallot(fixture.member, { meetingId: meetingId(), voteId, choice: 'for' });
    await expect(live().closeVote(fixture.secretary, { meetingId: meetingId(), voteId })).rejects.toMatchObject({
      code: 'vote_confirmations_incomplete',
    });
    expect((await server.app.runtime.services.meetings.requireMeeting(meetingId())).state).toBe('in_progress');
    await expect(
      live().recordCounts(fixture.member, { meetingId: meetingId(), voteId, for: 2, against: 1, other: 0 }),
    ).rejects.toMatchObject({ code: 'vote_counts_exceed_present' });
    await live().recordCounts(fixture.member, { meetingId: meetingId(), voteId, for: 2, against: 0, other: 0 });
    await live().closeVote(fixture.secretary, { meetingId: meetingId(), voteId });
    await waitFor(() => vote(voteId)?.state === 'closed', 5000, 'the vote did not close');
    expect(vote(voteId)).toMatchObject({
      counts: { for: 2, against: 0, other: 0 },
      countedFrom: 'hands',
      passed: true,
    });
  });

  it('closes on the confirmations alone only when the chair says so, and records that', async () => {
    const { voteId } = await live().openVote(fixture.secretary, {
      meetingId: meetingId(),
      subject: 'other',
      title: 'Chọn ngày sinh hoạt chuyên đề',
      method: 'confirmation',
    });
    await live().castBallot(fixture.member, { meetingId: meetingId(), voteId, choice: 'for' });
    await live().closeVote(fixture.secretary, { meetingId: meetingId(), voteId, acceptIncomplete: true });
    await waitFor(() => vote(voteId)?.state === 'closed', 5000, 'the vote did not close');
    expect(vote(voteId)).toMatchObject({ counts: { for: 1, against: 0, other: 0 }, countedFrom: 'confirmations' });
  });

  it('reopens a vote closed by mistake, keeps the counted hands and records the reopening', async () => {
    const [closed] = [...meetingDoc.votes(client.doc).values()].filter((v) => v.countedFrom === 'hands');
    await expect(
      live().reopenVote(fixture.member, { meetingId: meetingId(), voteId: closed!.id }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await live().reopenVote(fixture.secretary, { meetingId: meetingId(), voteId: closed!.id });
    await waitFor(() => vote(closed!.id)?.state === 'open', 5000, 'the vote did not reopen');
    const reopened = vote(closed!.id)!;
    expect(reopened.counts).toEqual({ for: 2, against: 0, other: 0 });
    expect(reopened.passed).toBeUndefined();
    expect(reopened.reopenings).toEqual([{ at: expect.any(String), by: fixture.secretary.id }]);
    await expect(
      live().reopenVote(fixture.secretary, { meetingId: meetingId(), voteId: closed!.id }),
    ).rejects.toMatchObject({ code: 'vote_not_closed' });
    await live().closeVote(fixture.secretary, { meetingId: meetingId(), voteId: closed!.id });
    const audit = await server.app.runtime.services.audit.list({ cells: null, limit: 50 });
    expect(audit.map((a) => a.action)).toContain('vote.reopened');
  });

  it('takes back the confirmations of the minutes when the vote on them is reopened', async () => {
    await live().markReadBack(fixture.member, { meetingId: meetingId() });
    const { voteId } = await live().openVote(fixture.secretary, {
      meetingId: meetingId(),
      subject: 'minutes',
      title: 'Thông qua biên bản',
      method: 'show_of_hands',
    });
    await live().recordCounts(fixture.member, { meetingId: meetingId(), voteId, for: 2, against: 0, other: 0 });
    await live().closeVote(fixture.secretary, { meetingId: meetingId(), voteId });
    await live().end(fixture.secretary, { meetingId: meetingId() });
    await live().acknowledge(fixture.secretary, { meetingId: meetingId(), role: 'chair', acceptBlanks: true });
    await live().reopenVote(fixture.secretary, { meetingId: meetingId(), voteId });
    const acks = await server.app.runtime.services.db
      .selectFrom('acknowledgments')
      .selectAll()
      .where('meeting_id', '=', meetingId())
      .execute();
    expect(acks).toEqual([]);
    await expect(
      live().acknowledge(fixture.secretary, { meetingId: meetingId(), role: 'chair', acceptBlanks: true }),
    ).rejects.toMatchObject({ code: 'minutes_not_approved_by_vote' });
    await live().closeVote(fixture.secretary, { meetingId: meetingId(), voteId });
  });

  it("writes the facts out when sealing: the chair, the minutes-taker and the actual start in the organisation's time", async () => {
    await expect(
      live().acknowledge(fixture.secretary, { meetingId: meetingId(), role: 'chair' }),
    ).rejects.toMatchObject({ code: 'minutes_have_blanks' });
    await live().acknowledge(fixture.secretary, { meetingId: meetingId(), role: 'chair', acceptBlanks: true });
    const done = await live().acknowledge(fixture.member, {
      meetingId: meetingId(),
      role: 'secretary',
      acceptBlanks: true,
    });
    expect(done.complete).toBe(true);
    const meeting = await server.app.runtime.services.meetings.requireMeeting(meetingId());
    const started = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(new Date(meeting.started_at!))
      .split(':');
    const sealed = await storedMinutesJson(server.app.runtime.services.docStore, meetingId());
    const lines = outline(sealed);
    expect(lines).toContain(`paragraph Chủ trì: đồng chí ${fixture.secretary.name}, Bí thư chi bộ.`);
    expect(lines).toContain(`paragraph Thư ký: đồng chí ${fixture.member.name}.`);
    expect(lines.find((l) => l.startsWith('paragraph Thời gian:'))).toContain(`${started[0]} giờ ${started[1]} phút`);
    expect(lines.find((l) => l.startsWith('paragraph Số đảng viên:'))).toContain('có mặt 2 đồng chí');
    expect(JSON.stringify(sealed)).not.toContain('"type":"fact"');
    expect(lines.some((l) => l.startsWith('hint'))).toBe(false);
    expect(nodeText(sealed)).not.toMatch(/… giờ … phút/);
  });

  it('asks before a second meeting of the same kind in the same month', async () => {
    await expect(
      followUp().createMeeting(fixture.secretary, {
        cellId: fixture.cellId,
        kind: 'regular',
        startsAt: '2026-12-20T19:30',
        place: 'Nhà văn hóa',
      }),
    ).rejects.toMatchObject({ code: 'meeting_same_month' });
    const other = await followUp().createMeeting(fixture.secretary, {
      cellId: fixture.cellId,
      kind: 'thematic',
      startsAt: '2026-12-20T19:30',
      place: 'Nhà văn hóa',
    });
    expect(other.meetingId).toEqual(expect.any(String));
    const second = await followUp().createMeeting(fixture.secretary, {
      cellId: fixture.cellId,
      kind: 'regular',
      startsAt: '2026-12-20T19:30',
      place: 'Nhà văn hóa',
      sameMonthConfirmed: true,
    });
    expect(second.meetingId).not.toBe(meetingId());
  });
});
