import { describe, expect, it } from 'vitest';
import { EXPECTED_BROWSER_ERRORS, type Visitor } from '../helpers/browser';
import { useE2eApp, type Person } from '../helpers/e2e-app';
import { skipStepsAfterAFailure } from '../helpers/steps';
import { AgendaEditor } from './pages/agenda-editor';
import { LoadedScripts } from './pages/loaded-scripts';
import { MeetingRecordPage } from './pages/meeting-record-page';
import { openMeeting } from './pages/people';
import { SignInPage } from './pages/sign-in-page';

const RESOLUTION = 'Nghị quyết sinh hoạt chi bộ tháng 12 năm 2026';

/**
 * The code of each part of the meeting page, known by a test id only that
 * part's components carry (see LoadedScripts).
 */
const CODE_OF = {
  voteSetup: ['vote-open-form', 'vote-counts-form'],
  attendanceEditing: ['attendance-select', 'attendance-all-present'],
  preparation: ['preparation-checklist', 'attachment-form'],
} as const;

/**
 * The meeting page loads first what a member uses (the minutes, the item
 * under discussion, the open vote) and the rest when it is needed: the vote
 * setup and the roll call's controls for those who run and record the
 * meeting, the preparation once its tab is opened on a phone or, for a
 * member who keeps the meeting offline, in the background once the minutes
 * are there. An, the cell's secretary, chairs at a wide screen; Bình, a
 * plain member, follows on a phone until An makes her the minutes-taker.
 */
describe('the meeting page loads the parts a member does not use only when they are needed', () => {
  const started = useE2eApp();
  let an: MeetingRecordPage;
  let binh: MeetingRecordPage;
  let binhAt: Visitor;
  let binhScripts: LoadedScripts;

  skipStepsAfterAFailure();

  /** `who` signed in on a phone of their own, `watch` called on the tab before anything loads, at the meeting's page. */
  async function onPhone(who: Person, watch: (visitor: Visitor) => void = () => undefined) {
    const visitor = await started.app.visitor({ phone: true });
    watch(visitor);
    const signIn = new SignInPage(visitor.page);
    await signIn.goto();
    await signIn.signIn(who.email, who.password);
    await visitor.page.waitForURL((url) => url.pathname === '/');
    const page = new MeetingRecordPage(visitor.page);
    await page.goto(started.cell.meetingId);
    return { visitor, page };
  }

  /** The test ids of `part` found in the code of `urls` (all the tab's scripts by default). */
  async function codeOf(part: keyof typeof CODE_OF, urls?: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const marker of CODE_OF[part]) {
      if ((await binhScripts.holding(marker, urls)).length > 0) found.push(marker);
    }
    return found;
  }

  it('An starts the meeting at a wide screen, has the preparation in view and puts a question to the vote', async () => {
    ({ meeting: an } = await openMeeting(started.app, started.cell.secretary, started.cell.meetingId));
    await an.start();
    await an.tab.locator('[data-testid="timer"][data-state="running"]').waitFor();
    // A wide screen shows every part at once: the preparation's controls are there without opening a tab.
    await an.tab.getByTestId('prep-draft-resolution').waitFor();
    expect(await an.tab.getByTestId('checklist-item').count()).toBe(4);

    await an.votes.openVote({ title: RESOLUTION });
    expect(await an.votes.vote(RESOLUTION).getAttribute('data-state')).toBe('open');
  });

  it('Bình’s phone opens the meeting without the vote setup, the roll call’s controls or the preparation, and fetches the preparation’s once the minutes are there', async () => {
    ({ visitor: binhAt, page: binh } = await onPhone(started.cell.member, (visitor) => {
      binhScripts = new LoadedScripts(visitor.page);
    }));
    await binh.editor.waitUntilEditable();
    await binh.votes.vote(RESOLUTION).waitFor();

    // What the page fetched to become usable.
    const first = binhScripts.urls();
    expect(await binh.activeTab()).toBe('now');
    expect(first.length).toBeGreaterThan(0);
    expect(await codeOf('voteSetup', first)).toEqual([]);
    expect(await codeOf('attendanceEditing', first)).toEqual([]);
    expect(await codeOf('preparation', first)).toEqual([]);
    expect(await binh.votes.root.getByTestId('vote-open-form').count()).toBe(0);

    // A while after the minutes synced, the preparation's code comes in the background, for offline use;
    // what depends on a role does not.
    await expect.poll(() => codeOf('preparation'), { timeout: 30_000 }).toContain('preparation-checklist');
    expect(await codeOf('voteSetup')).toEqual([]);
    expect(await codeOf('attendanceEditing')).toEqual([]);
  });

  it('without a network, the preparation tab Bình never opened shows its checklist and agenda', async () => {
    started.app.expectConsoleErrors(EXPECTED_BROWSER_ERRORS.offline);
    await binhAt.context.setOffline(true);
    await binh.openTab('preparation');
    await binh.tab.getByTestId('preparation-checklist').waitFor();
    expect(await binh.tab.getByTestId('checklist-item').count()).toBe(4);
    await new AgendaEditor(binh.tab).waitUntilShown();
    expect(await binh.tab.getByTestId('part-not-loaded').count()).toBe(0);
    await binhAt.context.setOffline(false);
  });

  it('the roll call is read-only for Bình without its controls’ code, until An makes her the minutes-taker', async () => {
    await binh.openTab('attendance');
    await binh.tab.getByTestId('attendance-row').first().waitFor();
    expect(await binh.tab.getByTestId('attendance-select').count()).toBe(0);
    expect(await codeOf('attendanceEditing')).toEqual([]);

    await an.appointRoles({ chair: started.cell.secretary.name, secretary: started.cell.member.name });
    await expect
      .poll(() => binh.roleHolders())
      .toEqual({ chair: started.cell.secretary.name, secretary: started.cell.member.name });
    // The controls come without a reload: their code is fetched once Bình records the meeting. (Her phone
    // turned to the minutes, the minutes-taker's first tab.)
    await binh.openTab('attendance');
    await binh.markAttendance(started.cell.secretary.name, 'present');
    await expect.poll(() => an.attendanceStatus(started.cell.secretary.name)).toBe('present');
    expect(await codeOf('attendanceEditing')).toEqual(['attendance-select', 'attendance-all-present']);

    // The show of hands is hers to enter now, in the open vote.
    await binh.openTab('now');
    await binh.votes.enterCounts(RESOLUTION, { for: 1, against: 0, other: 0 });
    await binh.votes.vote(RESOLUTION).getByTestId('vote-counts-recorded').waitFor();
    expect(await codeOf('voteSetup')).toContain('vote-counts-form');
  });

  it('without a network before its code came, a tab never opened says it cannot load yet, and the rest of the page goes on working', async () => {
    // The network gone, the tab's chunks cannot be fetched (the service worker, when it controls the page,
    // fails them too), and React reports the error its boundary caught.
    started.app.expectConsoleErrors(
      EXPECTED_BROWSER_ERRORS.offline,
      /Failed to load resource: net::ERR_FAILED \[[^\]]*\/_next\/static\/chunks\//,
      /ChunkLoadError: Failed to load chunk \/_next\/static\/chunks\//,
    );
    const { visitor: cuong, page } = await onPhone(started.cell.exempted);
    await page.editor.waitUntilShown();
    // At once: the preparation's code would come a few seconds after the minutes.
    await cuong.context.setOffline(true);
    await page.openTab('preparation');
    await cuong.page.getByTestId('part-not-loaded').first().waitFor();
    expect(await cuong.page.getByTestId('preparation-checklist').count()).toBe(0);
    // Only the part failed: the page did not turn into the error page, and the minutes are still there.
    await page.openTab('minutes');
    await page.editor.waitUntilShown();
    expect(await page.meetingState()).toBe('in_progress');
    await cuong.context.setOffline(false);
  });
});
