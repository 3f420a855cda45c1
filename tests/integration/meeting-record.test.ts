import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingDoc, type ReviewItem } from '../../lib/meeting-doc/layout';
import { encodeUpdate } from '../../server/collab/protocol';
import { contentHash, meetingContent } from '../../server/meeting/content';
import { verifySealedVersion } from '../../server/meeting/seal';
import { connectClient, waitFor, type TestClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { startInProcess, type InProcessServer } from '../helpers/in-process';
import { openRawClient } from '../helpers/raw-client';
import { makeDataDir, removeDataDir } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';
import { storedDoc } from '../helpers/stored';
import { outline, storedMinutesJson } from '../helpers/minutes-outline';

/**
 * Inserts a task block the way the editor does (a task node with its
 * attributes and text, and no id) and resolves with the id the server gives it.
 */
async function addTask(
  client: TestClient,
  attrs: { assignees: { userId: string; name: string }[]; dueDate: string | null },
  text: string,
): Promise<string> {
  const task = new Y.XmlElement('task');
  task.setAttribute('assignees', attrs.assignees as unknown as string);
  if (attrs.dueDate !== null) task.setAttribute('dueDate', attrs.dueDate);
  task.setAttribute('status', 'not_started');
  task.insert(0, [new Y.XmlText(text)]);
  meetingDoc.minutes(client.doc).push([task]);
  await waitFor(() => typeof task.getAttribute('id') === 'string', 5000, 'the server gave the task no id');
  return task.getAttribute('id')!;
}

describe('a regular meeting recorded end to end on the server', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;
  let chairClient: TestClient;
  let takerClient: TestClient;
  let taskId = '';

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    await fixture.handle.close();
    server = await startInProcess(dataDir);
    chairClient = connectClient(
      server.wsUrl,
      fixture.meetingId,
      await sessionCookieFor(server.secret, fixture.secretary),
    );
    takerClient = connectClient(server.wsUrl, fixture.meetingId, await sessionCookieFor(server.secret, fixture.member));
    await Promise.all([chairClient.synced(), takerClient.synced()]);
  });

  afterAll(async () => {
    chairClient?.destroy();
    takerClient?.destroy();
    await server?.app.close();
    removeDataDir(dataDir);
  });

  const live = () => server.app.runtime.meetings.live;
  const records = () => server.app.runtime.meetings.records;
  const followUp = () => server.app.runtime.meetings.followUp;
  const db = () => server.app.runtime.services.db;

  it('appoints the chair and minutes-taker, and only a manager may', async () => {
    await expect(
      live().setRoles(fixture.member, {
        meetingId: fixture.meetingId,
        chairId: fixture.member.id,
        secretaryId: fixture.member.id,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await live().setRoles(fixture.secretary, {
      meetingId: fixture.meetingId,
      chairId: fixture.secretary.id,
      secretaryId: fixture.member.id,
    });
    await waitFor(
      () => meetingDoc.session(takerClient.doc).get('secretaryId') === fixture.member.id,
      5000,
      'roles not live',
    );
  });

  it('starts the meeting and marks attendance that everyone sees live, with derived counts', async () => {
    await live().start(fixture.secretary, { meetingId: fixture.meetingId });
    await live().markAttendance(fixture.member, {
      meetingId: fixture.meetingId,
      userId: fixture.secretary.id,
      status: 'present',
    });
    await live().markAttendance(fixture.member, {
      meetingId: fixture.meetingId,
      userId: fixture.member.id,
      status: 'late',
    });
    await expect(
      live().markAttendance(fixture.member, {
        meetingId: fixture.meetingId,
        userId: fixture.exempted.id,
        status: 'absent_with_reason',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: { reason: 'reason_required' } });
    await expect(
      live().markAttendance(fixture.member, {
        meetingId: fixture.meetingId,
        userId: fixture.stranger.id,
        status: 'present',
      }),
    ).rejects.toMatchObject({ code: 'not_a_member' });
    await waitFor(() => meetingDoc.attendance(chairClient.doc).size === 2, 5000, 'attendance not live');
    expect(meetingDoc.attendance(chairClient.doc).get(fixture.member.id)?.status).toBe('late');
  });

  it("turns a member's turn at the floor into an attributed opinion in the current section", async () => {
    await live().setCurrentSection(fixture.secretary, { meetingId: fixture.meetingId, sectionId: 's-2-3' });
    const { requestId } = await live().requestFloor(fixture.member, { meetingId: fixture.meetingId });
    const { opinionId } = await live().giveFloor(fixture.secretary, { meetingId: fixture.meetingId, requestId });
    await waitFor(() => takerClient.content().includes(opinionId), 5000, 'opinion not live');
    const minutes = takerClient.content();
    const opinionAt = minutes.indexOf(opinionId);
    expect(minutes.lastIndexOf('3. Nhiệm vụ', opinionAt)).toBeGreaterThan(-1);
    expect(minutes.indexOf('4. Công tác xây dựng Đảng')).toBeGreaterThan(opinionAt);
    expect(minutes).toContain(`speakerName="${fixture.member.name}"`);
  });

  it('refuses vote counts that exceed those present and records a passing vote', async () => {
    const { voteId } = await live().openVote(fixture.secretary, {
      meetingId: fixture.meetingId,
      subject: 'resolution',
      title: 'Nghị quyết tháng 12',
      method: 'show_of_hands',
    });
    await expect(
      live().recordCounts(fixture.member, { meetingId: fixture.meetingId, voteId, for: 3, against: 0, other: 0 }),
    ).rejects.toMatchObject({ code: 'vote_counts_exceed_present' });
    await live().recordCounts(fixture.member, { meetingId: fixture.meetingId, voteId, for: 2, against: 0, other: 0 });
    const result = await live().closeVote(fixture.secretary, { meetingId: fixture.meetingId, voteId });
    expect(result).toMatchObject({ state: 'closed', base: 2, percent: 100, passed: true });
    await waitFor(() => meetingDoc.votes(takerClient.doc).get(voteId)?.state === 'closed', 5000, 'vote not live');
    expect(takerClient.content()).toContain(`voteId="${voteId}"`);
  });

  it('projects tasks typed into the minutes, refusing assignees from outside the cell and bad dates', async () => {
    taskId = await addTask(
      takerClient,
      {
        assignees: [
          { userId: fixture.member.id, name: fixture.member.name },
          { userId: fixture.stranger.id, name: 'x' },
        ],
        dueDate: '2027-01-15',
      },
      'Vận động các hộ giữ vệ sinh hẻm 12',
    );
    await addTask(takerClient, { assignees: [], dueDate: '2027-02-31' }, 'Việc có hạn sai');
    await takerClient.saved();
    await live().end(fixture.secretary, { meetingId: fixture.meetingId });
    const read = async () =>
      db().selectFrom('tasks').selectAll().where('meeting_id', '=', fixture.meetingId).orderBy('position').execute();
    let tasks = await read();
    const deadline = Date.now() + 10_000;
    while (tasks.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      tasks = await read();
    }
    expect(tasks.map((t) => [t.body, t.due_date])).toEqual([
      ['Vận động các hộ giữ vệ sinh hẻm 12', '2027-01-15'],
      ['Việc có hạn sai', null],
    ]);
    const assignees = await db().selectFrom('task_assignees').select('user_id').where('task_id', '=', taskId).execute();
    expect(assignees.map((a) => a.user_id)).toEqual([fixture.member.id]);
    const attendance = await db()
      .selectFrom('attendance')
      .selectAll()
      .where('meeting_id', '=', fixture.meetingId)
      .execute();
    expect(attendance).toHaveLength(2);
  });

  it('seals the minutes after the approval vote and both confirmations, and the hash holds', async () => {
    await live().markReadBack(fixture.member, { meetingId: fixture.meetingId });
    await expect(
      live().acknowledge(fixture.secretary, { meetingId: fixture.meetingId, role: 'chair' }),
    ).rejects.toMatchObject({
      code: 'minutes_not_approved_by_vote',
    });
    const { voteId } = await live().openVote(fixture.secretary, {
      meetingId: fixture.meetingId,
      subject: 'minutes',
      title: 'Thông qua biên bản',
      method: 'show_of_hands',
    });
    await live().recordCounts(fixture.member, { meetingId: fixture.meetingId, voteId, for: 2, against: 0, other: 0 });
    await live().closeVote(fixture.secretary, { meetingId: fixture.meetingId, voteId });
    await expect(
      live().acknowledge(fixture.member, { meetingId: fixture.meetingId, role: 'chair' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // "Khách mời: …" and the blanks of the sections nobody wrote in: listed, and asked about once.
    await expect(
      live().acknowledge(fixture.secretary, { meetingId: fixture.meetingId, role: 'chair' }),
    ).rejects.toMatchObject({ code: 'minutes_have_blanks' });
    expect(
      (
        await live().acknowledge(fixture.secretary, {
          meetingId: fixture.meetingId,
          role: 'chair',
          acceptBlanks: true,
        })
      ).complete,
    ).toBe(false);
    const done = await live().acknowledge(fixture.member, {
      meetingId: fixture.meetingId,
      role: 'secretary',
      acceptBlanks: true,
    });
    expect(done.complete).toBe(true);
    const meeting = await server.app.runtime.services.meetings.requireMeeting(fixture.meetingId);
    expect(meeting.state).toBe('approved');
    expect(meeting.content_hash).toBe(done.sealed!.hash);
    expect(meeting.content_hash).toMatch(/^[0-9a-f]{64}$/);

    // Connections opened before the lock are read-only now; a raw client's update is dropped too.
    const before = takerClient.content();
    takerClient.appendParagraph('Sửa sau khi khóa');
    const raw = await openRawClient(
      server.wsUrl,
      fixture.meetingId,
      await sessionCookieFor(server.secret, fixture.secretary),
    );
    const rogue = new Y.Doc();
    rogue.getXmlFragment('minutes').push([new Y.XmlText('raw edit after lock')]);
    raw.send(encodeUpdate(Y.encodeStateAsUpdate(rogue)));
    await new Promise((r) => setTimeout(r, 500));
    raw.ws.close();
    expect(chairClient.content()).toBe(before);
    // The template's guidance is not part of the record.
    expect(outline(await storedMinutesJson(server.app.runtime.services.docStore, fixture.meetingId))).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^hint/)]),
    );
    const verified = await verifySealedVersion(server.app.runtime.services, fixture.meetingId);
    expect(verified!.recomputed).toBe(verified!.stored);
    // And what the database holds for the live document still hashes to the sealed value.
    const doc = await storedDoc(server.app.runtime.services.docStore, fixture.meetingId);
    expect(contentHash(meetingContent(meeting, doc)).hash).toBe(meeting.content_hash);
    await expect(
      live().markAttendance(fixture.member, {
        meetingId: fixture.meetingId,
        userId: fixture.member.id,
        status: 'present',
      }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('appends amendments as separate signed records, only for the chair, minutes-taker or managers', async () => {
    await followUp().amend(fixture.secretary, {
      meetingId: fixture.meetingId,
      body: 'Sửa tên đồng chí ở mục 2: Trần Thị Bình.',
    });
    await expect(followUp().amend(fixture.exempted, { meetingId: fixture.meetingId, body: 'x' })).rejects.toMatchObject(
      { code: 'forbidden' },
    );
    const record = await records().meetingRecord(fixture.secretary, fixture.meetingId);
    expect(record.amendments).toHaveLength(1);
    expect(record.amendments[0]).toMatchObject({
      body: 'Sửa tên đồng chí ở mục 2: Trần Thị Bình.',
      authorName: fixture.secretary.name,
    });
    expect(record.sealed?.hash).toBe(
      (await server.app.runtime.services.meetings.requireMeeting(fixture.meetingId)).content_hash,
    );
  });

  it("carries the unfinished task into the next meeting's review and the assignee's task list, and follows up", async () => {
    const next = await server.app.runtime.services.meetings.createMeeting(
      fixture.cellId,
      { kind: 'regular', startsAt: '2027-01-05T19:30', place: 'Nhà văn hóa' },
      fixture.secretary.id,
    );
    const reviewOf = async () =>
      meetingDoc.review(await storedDoc(server.app.runtime.services.docStore, next.id)).toArray() as ReviewItem[];
    const review = await reviewOf();
    expect(review.map((r) => r.taskId)).toContain(taskId);
    expect(review.find((r) => r.taskId === taskId)?.assignees).toEqual([
      { userId: fixture.member.id, name: fixture.member.name },
    ]);

    const mine = await records().myTasks(fixture.member);
    expect(mine.map((t) => t.id)).toContain(taskId);
    await expect(followUp().setTaskStatus(fixture.exempted, { taskId, status: 'done' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await followUp().setTaskStatus(fixture.member, { taskId, status: 'done' });
    expect((await reviewOf()).map((r) => r.taskId)).not.toContain(taskId);
  });
});
