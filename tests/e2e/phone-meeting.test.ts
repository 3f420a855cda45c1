import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import vi from '../../messages/vi.json';
import type { Visitor } from '../helpers/browser';
import { useE2eApp, type Person } from '../helpers/e2e-app';
import { skipStepsAfterAFailure } from '../helpers/steps';
import { AgendaEditor } from './pages/agenda-editor';
import { countEffort, effortBetween, effortOf, type Effort } from './pages/effort';
import { MeetingRecordPage } from './pages/meeting-record-page';
import { writtenTextOf } from './pages/minutes-editor';
import { SignInPage } from './pages/sign-in-page';

/** Where the screenshots of each step and the effort counts go (not kept in git). */
const SHOTS = path.join(process.cwd(), 'tests', '.artifacts', 'phone');

const AGENDA = '1. Thông tin thời sự\n2. Kiểm điểm nghị quyết tháng 11\n3. Nhiệm vụ tháng 12';
const RESOLUTION = 'Nghị quyết tháng 12 năm 2026';
const MINUTES_VOTE = vi.closing.minutesVoteTitle;
const LAN_SAYS = 'Đề nghị chi bộ vận động bà con giữ vệ sinh đường làng trước Tết.';
const NAM_SAYS = 'Tổ 2 nhận phụ trách đoạn đường từ chợ đến trường học.';
const TASK = 'Tổ chức tổng vệ sinh đường làng khu phố 3';

const CURRENT_AFFAIRS = '1. Tình hình chính trị, tư tưởng';
const TASKS_ITEM = '3. Nhiệm vụ, giải pháp tháng tới';
const RESOLUTION_ITEM = '2. Biểu quyết thông qua nghị quyết';

/** "HH giờ MM phút" of an instant in Asia/Ho_Chi_Minh, as the minutes state times. */
function clockInVietnam(at: number): string {
  const [h, m] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(at))
    .split(':');
  return `${h} giờ ${m} phút`;
}

/**
 * The demo's December meeting, from preparation to the seal, on two phones
 * (360 × 640) in Asia/Ho_Chi_Minh while the server runs in UTC: the cell's
 * secretary Hùng prepares and chairs, Lan (a plain member) takes the
 * minutes and speaks; the other members are in the room without phones.
 * Each step saves a screenshot of the phone that acted, and the taps and
 * scrolling of each person are counted and written beside them.
 */
describe('the December meeting held on two phones', () => {
  const started = useE2eApp({ seed: 'demo' });
  let hung: MeetingRecordPage;
  let lan: MeetingRecordPage;
  let hungAt: Visitor;
  let lanAt: Visitor;
  let meetingId = '';
  const effort: Record<string, Effort> = {};
  let hungFromOpening: Effort = { taps: 0, screens: 0 };
  let lanFromOpening: Effort = { taps: 0, screens: 0 };
  let startedNear = 0;
  let step = 0;

  skipStepsAfterAFailure();
  afterAll(() => {
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(path.join(SHOTS, 'effort.json'), `${JSON.stringify(effort, null, 2)}\n`);
    process.stdout.write(`phone effort: ${JSON.stringify(effort)}\n`);
  });

  const person = (email: string): Person => {
    const demo = started.app.demo!;
    const member = demo.members.find((m) => m.email === email)!;
    return { id: member.userId, name: member.name, email: member.email!, password: demo.password };
  };
  const hungP = () => person('hungnv@demo.bienban.vn');
  const lanP = () => person('lanpt@demo.bienban.vn');
  const ANH = 'Huỳnh Thị Ngọc Ánh';
  const NAM = 'Hoàng Văn Nam';

  async function shot(page: MeetingRecordPage, name: string): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    step++;
    await page.tab.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`) });
  }

  async function onPhone(who: Person): Promise<{ visitor: Visitor; page: MeetingRecordPage }> {
    const visitor = await started.app.visitor({ phone: true });
    countEffort(visitor.page);
    const signIn = new SignInPage(visitor.page);
    await signIn.goto();
    await signIn.signIn(who.email, who.password);
    await visitor.page.waitForURL((url) => url.pathname === '/');
    return { visitor, page: new MeetingRecordPage(visitor.page) };
  }

  it('Hùng prepares the meeting on his phone: roles, the agenda, the draft resolution and the notice', async () => {
    meetingId = started.app.demo!.meetings.find((m) => m.state === 'scheduled')!.id;
    ({ visitor: hungAt, page: hung } = await onPhone(hungP()));
    const before = effortOf(hung.tab);
    await hung.goto(meetingId);
    await hung.editor.waitUntilShown();
    // Before the meeting everyone starts with its preparation, and the page never scrolls sideways.
    expect(await hung.activeTab()).toBe('preparation');
    expect(await hung.tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(hung, 'hung-opens-the-meeting');

    await hung.appointRoles({ chair: hungP().name, secretary: lanP().name });
    await expect.poll(() => hung.roleHolders()).toEqual({ chair: hungP().name, secretary: lanP().name });

    const agenda = new AgendaEditor(hung.tab);
    await agenda.waitUntilShown();
    await agenda.typeAtEnd(AGENDA);
    // Typed numbers stay text: no list that would print "2. 2.".
    await expect.poll(() => agenda.text()).toBe(AGENDA);
    expect(await agenda.document.locator('ol, ul').count()).toBe(0);

    for (const item of ['draft-resolution', 'notified']) {
      await hung.tab.getByTestId(`prep-${item}`).click();
      await hung.tab.locator(`[data-testid="prep-${item}"][aria-pressed="true"]`).waitFor();
    }
    await shot(hung, 'hung-prepared');
    effort.preparationByHung = effortBetween(before, effortOf(hung.tab));
  });

  it('Lan opens it, Hùng starts it (asked about the day), and each phone turns to its part', async () => {
    ({ visitor: lanAt, page: lan } = await onPhone(lanP()));
    await lan.goto(meetingId);
    await lan.editor.waitUntilEditable();
    hungFromOpening = effortOf(hung.tab);
    lanFromOpening = effortOf(lan.tab);

    startedNear = Date.now();
    expect(await hung.start()).toEqual({ askedAboutTheDay: true });
    await hung.tab.locator('[data-testid="timer"][data-state="running"]').waitFor();
    // The chair runs the meeting, the minutes-taker writes: each is taken there without a tap.
    await expect.poll(() => hung.activeTab()).toBe('now');
    await expect.poll(() => lan.activeTab()).toBe('minutes');
    await shot(hung, 'hung-started');
    await shot(lan, 'lan-minutes-at-start');
  });

  it('Lan marks everyone present in one tap and Ánh absent with her reason; the minutes state it', async () => {
    await lan.openTab('attendance');
    await lan.markEveryonePresent();
    await lan.markAbsentWithReason(ANH, 'Đi công tác');
    await expect.poll(() => lan.attendanceFigures()).toEqual({ present: 9, expected: 10, exempted: 1, unmarked: 0 });
    await shot(lan, 'lan-attendance');
    await lan.openTab('minutes');
    const block = lan.tab.getByTestId('minutes-editor').getByTestId('attendance-block');
    // The count, then the names; the reason as it reads inside the sentence (it once read "Vắng có lý do: 1: … (Đi công tác)").
    await expect.poll(() => block.innerText()).toContain(`Vắng có lý do 1 đồng chí: ${ANH} (đi công tác)`);
    const facts = lan.tab.getByTestId('minutes-editor').locator('[data-fact="attendance"]');
    await expect.poll(() => facts.innerText()).toContain('có mặt 9 đồng chí');
  });

  it('Lan asks for the floor, Hùng gives it, and Lan writes her opinion one tap away', async () => {
    await hung.chooseSection(CURRENT_AFFAIRS);
    await lan.openTab('now');
    await lan.requestFloor();
    await expect.poll(() => hung.waitingSpeakers()).toEqual([lanP().name]);
    await shot(hung, 'hung-sees-lan-waiting');
    await hung.giveFloor(lanP().name);

    await lan.openTab('minutes');
    await lan.tab.getByTestId('jump-to-opinion').click();
    await lan.tab.keyboard.type(LAN_SAYS);
    await expect.poll(() => lan.minutes.opinionText(lanP().name)).toBe(LAN_SAYS);
    expect(await lan.minutes.sectionOf(lan.minutes.opinion(lanP().name))).toContain(CURRENT_AFFAIRS);
    await shot(lan, 'lan-writes-her-opinion');
  });

  it('Hùng puts Nam, who has no phone, on the speaker list and gives him the floor; Lan records him', async () => {
    await hung.addSpeaker(NAM);
    await hung.giveFloor(NAM);
    await lan.tab.getByTestId('jump-to-opinion').filter({ hasText: NAM }).click();
    await lan.tab.keyboard.type(NAM_SAYS);
    await expect.poll(() => lan.minutes.opinionText(NAM)).toBe(NAM_SAYS);
    await shot(lan, 'lan-records-nam');
  });

  it('a vote confirmed by one phone of nine present is not closed silently; the counted hands are the record', async () => {
    await hung.chooseSection(RESOLUTION_ITEM);
    await hung.votes.openVote({ title: RESOLUTION, subject: 'resolution', method: 'confirmation' });
    await lan.openTab('now');
    await lan.votes.confirm(RESOLUTION, 'for');
    await expect.poll(() => hung.votes.confirmations(RESOLUTION)).toEqual({ count: 1, present: 9 });

    const warning = await hung.votes.closeExpectingShortfall(RESOLUTION);
    expect(warning).toContain('1/9');
    await shot(hung, 'hung-warned-one-of-nine');
    await hung.votes.keepOpen(RESOLUTION);

    await lan.votes.enterCounts(RESOLUTION, { for: 8, against: 1, other: 0 });
    await lan.votes.countsRecorded(RESOLUTION).waitFor();
    await hung.votes.closeVote(RESOLUTION);
    for (const page of [hung, lan]) {
      await expect.poll(() => page.votes.outcome(RESOLUTION)).toMatchObject({ state: 'closed', passed: 'true' });
      expect((await page.votes.outcome(RESOLUTION)).text).toContain('8/9 đồng chí có mặt tán thành (88,9%)');
      expect((await page.votes.outcome(RESOLUTION)).text).toContain(vi.votes.countedFrom.hands);
    }
    await shot(hung, 'hung-vote-closed');
  });

  it('Hùng reopens the vote closed by mistake and closes it again; the reopening stays on record', async () => {
    await hung.votes.reopen(RESOLUTION);
    await expect.poll(() => lan.votes.reopenings(RESOLUTION)).toHaveLength(1);
    await hung.votes.closeVote(RESOLUTION);
    await expect.poll(() => lan.votes.outcome(RESOLUTION)).toMatchObject({ state: 'closed', passed: 'true' });
    expect(await hung.votes.reopenings(RESOLUTION)).toHaveLength(1);
    await shot(hung, 'hung-vote-reopened-and-closed');
  });

  it('Lan adds a task under the item being discussed, for Nam, due "15/12/2026" as people write dates', async () => {
    await hung.chooseSection(TASKS_ITEM);
    await lan.openTab('minutes');
    await lan.tab.getByTestId('jump-to-section').click();
    await lan.tab.keyboard.press('Enter');
    await lan.tab.getByTestId('add-task').click();
    await lan.tab.keyboard.type(TASK);
    await lan.minutes.task(TASK).waitFor();
    await lan.minutes.assignTask(TASK, '@Nam', NAM);
    await lan.minutes.setDueDate(TASK, '15/12/2026');
    await expect
      .poll(() => lan.minutes.taskFacts(TASK))
      .toEqual({
        text: TASK,
        assignees: [NAM],
        dueDate: '2026-12-15',
        status: 'not_started',
      });
    expect(await lan.minutes.sectionOf(lan.minutes.task(TASK))).toContain(TASKS_ITEM);
    await shot(lan, 'lan-adds-a-task');
  });

  it('Lan fills the one line the app cannot know, the guests', async () => {
    const guests = lan.tab.getByTestId('minutes-editor').locator('p').filter({ hasText: 'Khách mời:' });
    await guests.click();
    await lan.tab.keyboard.press('End');
    await lan.tab.keyboard.press('Backspace');
    await lan.tab.keyboard.type('không có.');
    await expect.poll(async () => (await writtenTextOf(guests)).trim()).toBe('Khách mời: không có.');
  });

  it('Hùng ends the meeting; both phones turn to the closing; read-back, the vote on the minutes, two confirmations seal it', async () => {
    await hung.end();
    await hung.shortMeetingWarning.waitFor();
    await hung.confirmEnd();
    await expect.poll(() => hung.activeTab()).toBe('closing');
    await expect.poll(() => lan.activeTab()).toBe('closing');

    await lan.closing.readBack();
    await hung.closing.openMinutesVote();
    await lan.closing.minutesVote.vote(MINUTES_VOTE).waitFor();
    await lan.closing.minutesVote.enterCounts(MINUTES_VOTE, { for: 9, against: 0, other: 0 });
    await lan.closing.minutesVote.countsRecorded(MINUTES_VOTE).waitFor();
    await hung.closing.minutesVote.closeVote(MINUTES_VOTE);
    await expect.poll(() => hung.closing.minutesApproved()).toBe(true);
    await shot(hung, 'hung-minutes-approved');

    // Nothing is left blank: the chair's confirmation goes straight through.
    await hung.closing.acknowledge('chair');
    await hung.closing.acknowledged('chair').waitFor();
    expect(await hung.closing.blanks.count()).toBe(0);
    effort.meetingByHung = effortBetween(hungFromOpening, effortOf(hung.tab));
    effort.meetingByLan = effortBetween(lanFromOpening, effortOf(lan.tab));
    await expect.poll(() => hung.closing.waitingFor('secretary').innerText()).toContain(lanP().name);
    await shot(hung, 'hung-waits-for-lan');

    await lan.closing.acknowledge('secretary');
    for (const page of [hung, lan]) await page.sealedBanner.waitFor();
    await shot(lan, 'lan-sealed');
  });

  it('the sealed minutes are filled: the chair, the minutes-taker, the actual start, no hint and no blank', async () => {
    await lan.reload();
    await lan.editor.waitUntilShown();
    await lan.openTab('minutes');
    const text = await lan.editor.writtenText();
    expect(text).toContain(`Chủ trì: đồng chí ${hungP().name}, Bí thư chi bộ.`);
    expect(text).toContain(`Thư ký: đồng chí ${lanP().name}.`);
    expect([clockInVietnam(startedNear), clockInVietnam(startedNear + 60_000)]).toContain(
      /Thời gian: bắt đầu lúc (\d\d giờ \d\d phút)/.exec(text)?.[1],
    );
    expect(text).not.toContain('…');
    expect(await lan.tab.locator('.minutes-hint').count()).toBe(0);
    // The task as it stood when sealed, and as it stands today.
    const task = lan.minutes.task(TASK);
    expect(await task.getByTestId('task-status-sealed').innerText()).toContain(vi.taskStatus.not_started);
    expect(await task.getByTestId('task-status-today').getAttribute('data-status')).toBe('not_started');
    await shot(lan, 'lan-reads-sealed-minutes');
  });

  it('times read the same in the page as the server sent it and as it runs in the phone', async () => {
    const plain = await started.app.visitor({ javaScriptEnabled: false, phone: true });
    await plain.context.addCookies(await hungAt.context.cookies());
    await plain.page.goto(`/meetings/${meetingId}`);
    const served = await plain.page.getByTestId('acknowledged-chair').innerText();
    const live = await hung.closing.acknowledged('chair').innerText();
    expect(served).toBe(live);
    const bannerServed = await plain.page.getByTestId('sealed-banner').innerText();
    await hung.reload();
    await hung.sealedBanner.waitFor();
    expect(await hung.sealedBanner.innerText()).toBe(bannerServed);
    for (const visitor of [hungAt, lanAt]) expect(visitor.errors).toEqual([]);
  });
});
