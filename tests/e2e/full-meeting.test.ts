import { describe, expect, it } from 'vitest';
import vi from '../../messages/vi.json';
import { formatDay } from '../../lib/format';
import { useE2eApp } from '../helpers/e2e-app';
import { skipStepsAfterAFailure } from '../helpers/steps';
import { CellPage } from './pages/cell-page';
import { MeetingRecordPage } from './pages/meeting-record-page';
import { MyTasksPage } from './pages/my-tasks-page';
import { openMeeting } from './pages/people';

const OPINION = 'Đề nghị chi bộ vận động bà con giữ vệ sinh đường làng trước Tết.';
const RESOLUTION = 'Nghị quyết sinh hoạt chi bộ tháng 12 năm 2026';
const MINUTES_VOTE = vi.closing.minutesVoteTitle;
const TASK = 'Tổ chức tổng vệ sinh đường làng khu phố 1';
const DUE_DATE = '2027-01-05';
const DUE_DATE_TYPED = '5/1/2027';
const AMENDMENT = 'Đính chính: buổi tổng vệ sinh do Tổ dân phố 3 phối hợp thực hiện.';
const NEXT_MEETING = { kind: 'regular', startsAt: '2027-01-09T19:30', place: 'Nhà văn hóa khu phố 1' };

// The template's agenda items the meeting moves through.
const CURRENT_AFFAIRS = '1. Tình hình chính trị, tư tưởng';
const RESOLUTION_ITEM = '2. Biểu quyết thông qua nghị quyết';
const TASKS_ITEM = '3. Nhiệm vụ, giải pháp tháng tới';

/**
 * One regular meeting from appointing the chair to the sealed minutes, by the
 * cell's secretary An (who chairs) and Bình (who takes the minutes), each at
 * their own browser; then the next meeting picks up the task it set. Each step
 * builds on the one before it.
 */
describe('a regular meeting held and recorded live by two members', () => {
  const started = useE2eApp();
  let an: MeetingRecordPage;
  let binh: MeetingRecordPage;
  let binhId: string;

  skipStepsAfterAFailure();

  it('An appoints himself chair and Bình minutes-taker, opens the meeting, and both see the timer running', async () => {
    ({ meeting: an } = await openMeeting(started.app, started.cell.secretary, started.cell.meetingId));
    ({ meeting: binh } = await openMeeting(started.app, started.cell.member, started.cell.meetingId));

    await an.appointRoles({ chair: started.cell.secretary.name, secretary: started.cell.member.name });
    for (const page of [an, binh]) {
      await expect
        .poll(() => page.roleHolders())
        .toEqual({ chair: started.cell.secretary.name, secretary: started.cell.member.name });
    }

    await an.start();
    for (const page of [an, binh]) {
      await expect.poll(() => page.timerState()).toBe('running');
      const shown = await page.timerClock();
      await expect.poll(() => page.timerClock()).not.toBe(shown);
    }
    await expect.poll(() => an.meetingState()).toBe('in_progress');
  });

  it('Bình marks both present, the exempted member stays unmarked, and both see two present', async () => {
    await binh.markAttendance(started.cell.secretary.name, 'present');
    await binh.markAttendance(started.cell.member.name, 'present');

    for (const page of [an, binh]) {
      await expect.poll(() => page.attendanceFigures()).toEqual({ present: 2, expected: 2, exempted: 1, unmarked: 0 });
      expect(await page.attendanceStatus(started.cell.secretary.name)).toBe('present');
      expect(await page.attendanceStatus(started.cell.member.name)).toBe('present');
      expect(await page.attendanceStatus(started.cell.exempted.name)).toBe('unmarked');
      // The attendance report inside the minutes says the same.
      await expect
        .poll(() => page.minutes.attendanceFigures())
        .toEqual({ present: 2, expected: 2, exempted: 1, unmarked: 0 });
    }
    binhId = (await an.userIdOf(started.cell.member.name))!;
    expect(binhId).toBeTruthy();
  });

  it('Bình asks for the floor, An gives it, and her opinion is recorded under her name for both to read', async () => {
    // The menu of sections once read "1." under every numeral alike and cut the titles short.
    const menu = await binh.sectionMenu();
    expect(menu).toContainEqual({ title: 'II. NỘI DUNG', depth: 0 });
    expect(menu).toContainEqual({ title: '1. Tình hình chính trị, tư tưởng và văn bản mới của cấp trên', depth: 1 });
    expect(menu.filter((entry) => /^\d+\. /.test(entry.title)).every((entry) => entry.depth === 1)).toBe(true);
    expect(await binh.sectionTitlesCut()).toEqual([]);
    await binh.chooseSection(CURRENT_AFFAIRS);
    await binh.requestFloor();
    await expect.poll(() => an.waitingSpeakers()).toEqual([started.cell.member.name]);

    await an.giveFloor(started.cell.member.name);
    for (const page of [an, binh]) {
      const opinion = page.minutes.opinion(started.cell.member.name);
      await opinion.waitFor();
      expect(await opinion.getAttribute('data-speaker-id')).toBe(binhId);
      expect(await page.minutes.sectionOf(opinion)).toContain(CURRENT_AFFAIRS);
    }

    await binh.minutes.typeInOpinion(started.cell.member.name, OPINION);
    await expect.poll(() => binh.minutes.opinionText(started.cell.member.name)).toBe(OPINION);
    await expect.poll(() => an.minutes.opinionText(started.cell.member.name)).toBe(OPINION);
  });

  it('a show of hands refuses more votes than members present, then passes the resolution 2/2 (100%)', async () => {
    await binh.chooseSection(RESOLUTION_ITEM);
    await an.votes.openVote({ title: RESOLUTION, subject: 'resolution', method: 'show_of_hands' });
    await binh.votes.vote(RESOLUTION).waitFor();

    await binh.votes.enterCounts(RESOLUTION, { for: 3, against: 0, other: 0 });
    await expect.poll(() => binh.votes.countsError(RESOLUTION)).toBe(vi.errors.vote_counts_exceed_present);

    await binh.votes.enterCounts(RESOLUTION, { for: 2, against: 0, other: 0 });
    await binh.votes.countsRecorded(RESOLUTION).waitFor();
    expect(await binh.votes.countsError(RESOLUTION)).toBeNull();

    await an.votes.closeVote(RESOLUTION);
    for (const page of [an, binh]) {
      await expect.poll(() => page.votes.outcome(RESOLUTION)).toMatchObject({ state: 'closed', passed: 'true' });
      const { text } = await page.votes.outcome(RESOLUTION);
      expect(text).toContain('2/2 đồng chí có mặt tán thành (100%)');
      expect(text).toContain(vi.votes.passed);
      // The minutes carry the same result, in the agenda item it was taken under.
      const inMinutes = page.minutes.voteResult(RESOLUTION);
      await expect.poll(() => inMinutes.innerText()).toContain('2/2 đồng chí có mặt tán thành (100%)');
      expect(await page.minutes.sectionOf(inMinutes)).toContain(RESOLUTION_ITEM);
    }
  });

  it('Bình adds a task for An with a due date, and An sees it', async () => {
    await binh.minutes.addTask(TASKS_ITEM, TASK);
    await binh.minutes.assignTask(TASK, '@An', started.cell.secretary.name);
    // A day the calendar does not have is refused, and the reason shows under the field, clear of its label.
    await binh.minutes.setDueDate(TASK, '31/02/2027');
    await binh.minutes.dueDateError(TASK).waitFor();
    expect(await binh.minutes.dueDateError(TASK).innerText()).toContain('31/02/2027');
    expect(await binh.minutes.dueDateErrorIsBelowField(TASK)).toBe(true);
    expect((await binh.minutes.taskFacts(TASK)).dueDate).toBeNull();
    // The calendar beside the field fills it and writes the day at once.
    await binh.minutes.pickDueDate(TASK, '2027-01-04');
    await expect.poll(() => binh.minutes.taskFacts(TASK)).toMatchObject({ dueDate: '2027-01-04' });
    await expect.poll(() => binh.minutes.dueDateShown(TASK)).toBe('04/01/2027');
    expect(await binh.minutes.dueDateError(TASK).count()).toBe(0);
    // Typed day first, without leading zeros, as secretaries write it; stored as YYYY-MM-DD, shown dd/mm/yyyy.
    await binh.minutes.setDueDate(TASK, DUE_DATE_TYPED);
    await expect.poll(() => binh.minutes.dueDateShown(TASK)).toBe('05/01/2027');

    const expected = { text: TASK, assignees: [started.cell.secretary.name], dueDate: DUE_DATE, status: 'not_started' };
    for (const page of [binh, an]) {
      await expect.poll(() => page.minutes.taskFacts(TASK)).toEqual(expected);
      expect(await page.minutes.sectionOf(page.minutes.task(TASK))).toContain(TASKS_ITEM);
    }
    await expect.poll(() => binh.status.saved()).toBe(true);
  });

  it('ending, the read-back, the vote on the minutes and both confirmations seal the minutes and lock both editors without a reload', async () => {
    await an.end();
    await an.shortMeetingWarning.waitFor();
    await an.confirmEnd();
    for (const page of [an, binh]) await expect.poll(() => page.timerState()).toBe('ended');
    await expect.poll(() => an.meetingState()).toBe('closed');

    await binh.closing.readBack();
    await an.closing.readBackDone.waitFor();

    // The vote on the minutes is taken in the closing step, not listed again among the other votes.
    await an.closing.openMinutesVote();
    await binh.closing.minutesVote.vote(MINUTES_VOTE).waitFor();
    expect(await binh.votes.vote(MINUTES_VOTE).count()).toBe(0);
    await binh.closing.minutesVote.enterCounts(MINUTES_VOTE, { for: 2, against: 0, other: 0 });
    await binh.closing.minutesVote.countsRecorded(MINUTES_VOTE).waitFor();
    await an.closing.minutesVote.closeVote(MINUTES_VOTE);
    for (const page of [an, binh]) {
      await expect
        .poll(() => page.closing.minutesVote.outcome(MINUTES_VOTE))
        .toMatchObject({ state: 'closed', passed: 'true' });
      await expect.poll(() => page.closing.minutesApproved()).toBe(true);
      await page.tagThisLoad();
    }

    // The guests line was never filled: listed before confirming, and confirmed as it is.
    const blanks = await an.closing.acknowledgeListingBlanks('chair');
    expect(blanks).toContain('Khách mời: …');
    await an.closing.acknowledgeAnyway();
    await an.closing.acknowledged('chair').waitFor();
    // One confirmation does not seal; the page says whom it waits for.
    expect(await an.sealedBanner.count()).toBe(0);
    expect(await binh.editor.isEditable()).toBe(true);
    await expect.poll(() => an.closing.waitingFor('secretary').innerText()).toContain(started.cell.member.name);

    await binh.closing.acknowledgeListingBlanks('secretary');
    await binh.closing.acknowledgeAnyway();
    const hashes: string[] = [];
    for (const page of [an, binh]) {
      await page.sealedBanner.waitFor();
      const { attribute, shown } = await page.sealedHash();
      expect(attribute).toMatch(/^[0-9a-f]{64}$/);
      expect(shown).toBe(attribute);
      hashes.push(attribute!);
      await expect.poll(() => page.editor.isEditable()).toBe(false);
      await expect.poll(() => page.editor.readOnlyNotice.innerText()).toBe(vi.collab.access.locked);
      expect(await page.isSameLoad()).toBe(true);
    }
    expect(hashes[1]).toBe(hashes[0]);

    // Typing into locked minutes changes nothing, neither here nor for anyone else.
    const anSees = await an.editor.writtenText();
    const binhSees = await binh.editor.writtenText();
    expect(binhSees).toBe(anSees);
    await binh.editor.tryToType('Sửa sau khi đã khóa.');
    expect(await binh.editor.writtenText()).toBe(binhSees);
    await binh.reload();
    await binh.editor.waitUntilShown();
    await binh.sealedBanner.waitFor();
    await expect.poll(() => binh.editor.writtenText()).toBe(binhSees);
    expect(await binh.editor.isEditable()).toBe(false);
    expect(await an.editor.writtenText()).toBe(anSees);
    expect(anSees).not.toContain('Sửa sau khi đã khóa.');
  });

  it('An appends an amendment under the sealed minutes, and it is listed', async () => {
    await an.addAmendment(AMENDMENT);
    await expect.poll(() => an.amendments()).toHaveLength(1);
    const [listed] = await an.amendments();
    expect(listed).toContain(AMENDMENT);
    expect(listed).toContain(started.cell.secretary.name);
  });

  it('the next meeting reviews the task under last month’s resolution, and An finds it among his tasks', async () => {
    const cellPage = new CellPage(an.tab);
    await cellPage.goto(started.cell.cellId);
    const nextMeetingId = await cellPage.createMeeting(NEXT_MEETING);
    expect(nextMeetingId).not.toBe(started.cell.meetingId);

    const next = new MeetingRecordPage(an.tab);
    await next.editor.waitUntilEditable();
    await expect.poll(() => next.minutes.reviewItems()).toHaveLength(1);
    const [review] = await next.minutes.reviewItems();
    expect(review).toContain(TASK);
    expect(review).toContain(started.cell.secretary.name);
    expect(review).toContain(formatDay(DUE_DATE, 'vi'));

    const myTasks = new MyTasksPage(an.tab);
    await myTasks.openFromHeader();
    const item = myTasks.item(TASK);
    await item.waitFor();
    expect(await item.innerText()).toContain(formatDay(DUE_DATE, 'vi'));
  });
});
