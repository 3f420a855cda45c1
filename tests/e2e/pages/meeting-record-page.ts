import type { Locator, Page } from 'playwright-core';
import type { MeetingTab } from '../../../lib/meeting-tabs';
import { ClosingPanel } from './closing-panel';
import { waitUntilInteractive } from './interactive';
import { MeetingPage } from './meeting-page';
import { figuresOf, MinutesBlocks, type AttendanceFigures } from './minutes-blocks';
import { VotesPanel } from './votes-panel';

export type AttendanceMark = 'present' | 'late' | 'absent_with_reason' | 'absent_without_reason';

/**
 * /meetings/<id> as a live record: who chairs and who takes the minutes, the
 * timer, the roll call, the speaker list, votes, closing and the seal, next
 * to the minutes and the blocks inside them. People are named as the page
 * shows them, never by id.
 */
export class MeetingRecordPage extends MeetingPage {
  readonly minutes: MinutesBlocks;
  readonly votes: VotesPanel;
  readonly closing: ClosingPanel;
  /** The warning that the meeting is shorter than its minimum, with "end anyway". */
  readonly shortMeetingWarning: Locator;
  readonly sealedBanner: Locator;

  constructor(page: Page) {
    super(page);
    this.minutes = new MinutesBlocks(page);
    this.votes = new VotesPanel(page);
    this.closing = new ClosingPanel(page);
    this.shortMeetingWarning = page.getByTestId('meeting-end-short');
    this.sealedBanner = page.getByTestId('sealed-banner');
  }

  /** The tab this page object drives. */
  get tab(): Page {
    return this.page;
  }

  /** Chooses the chair and the minutes-taker by name and saves (a manager of the cell). */
  async appointRoles({ chair, secretary }: { chair: string; secretary: string }): Promise<void> {
    const form = this.page.getByTestId('roles-form');
    await form.getByTestId('roles-chair').selectOption({ label: chair });
    await form.getByTestId('roles-secretary').selectOption({ label: secretary });
    await form.getByTestId('roles-save').click();
  }

  /** Who the page says chairs and who takes the minutes. */
  async roleHolders(): Promise<{ chair: string; secretary: string }> {
    return {
      chair: await this.page.getByTestId('roles-chair-name').innerText(),
      secretary: await this.page.getByTestId('roles-secretary-name').innerText(),
    };
  }

  /**
   * The chair opens the meeting. A meeting planned for another day asks
   * first, and the chair goes on; resolves with whether it asked.
   */
  async start(): Promise<{ askedAboutTheDay: boolean }> {
    await this.page.getByTestId('meeting-start').click();
    const asked = this.page.getByTestId('meeting-start-other-day');
    const running = this.page.locator('[data-testid="timer"][data-state="running"]');
    await asked.or(running).first().waitFor();
    if (!(await asked.isVisible())) return { askedAboutTheDay: false };
    await asked.getByTestId('meeting-start-confirm').click();
    return { askedAboutTheDay: true };
  }

  /**
   * On a phone, shows one part of the meeting page (its tab); on a wide
   * screen every part is in view and nothing needs pressing.
   */
  async openTab(tab: MeetingTab): Promise<void> {
    const button = this.page.getByTestId(`meeting-tab-${tab}`);
    if (!(await button.isVisible())) return;
    if ((await button.getAttribute('aria-selected')) !== 'true') {
      // Pressed before the page hydrates, a tab does nothing (right after goto, say).
      await waitUntilInteractive(button);
      // With very large text the bar of tabs scrolls sideways: a person swipes it until the tab shows, then taps.
      // Playwright's own scrolling does not reach into a fixed bar on an emulated phone, so the tap is dispatched.
      const scrolls = await button.evaluate((tab) => {
        const list = tab.parentElement!;
        tab.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        return list.scrollWidth > list.clientWidth;
      });
      if (scrolls) await button.dispatchEvent('click');
      else await button.click();
    }
    await this.page.locator(`[data-testid="meeting-panel-${tab}"][data-active="true"]`).first().waitFor();
  }

  /** The tab the page shows (on a phone): what it offers this person first. */
  async activeTab(): Promise<string | null> {
    return this.page.locator('.meeting-tabs').getAttribute('data-active-tab');
  }

  /** The chair puts a member who raised a hand (no phone) on the speaker list. */
  async addSpeaker(name: string): Promise<void> {
    const form = this.page.getByTestId('speaker-add');
    await form.getByTestId('speaker-add-member').selectOption({ label: name });
    await form.getByTestId('speaker-add-submit').click();
    await this.page.getByTestId('speaker-item').filter({ hasText: name }).waitFor();
  }

  /** The chair presses "Kết thúc cuộc họp"; a short meeting asks to confirm first. */
  async end(): Promise<void> {
    await this.page.getByTestId('meeting-end').click();
  }

  /** Confirms ending a meeting shorter than its minimum. */
  async confirmEnd(): Promise<void> {
    await this.shortMeetingWarning.getByTestId('meeting-end-confirm').click();
  }

  /** The meeting's state as the page was rendered: scheduled, in_progress, closed, approved. */
  async meetingState(): Promise<string | null> {
    return this.page.getByTestId('meeting-state').getAttribute('data-state');
  }

  /** not_started, running or ended. */
  async timerState(): Promise<string | null> {
    return this.page.getByTestId('timer').getAttribute('data-state');
  }

  /** The clock as shown, e.g. "0:01:05". */
  async timerClock(): Promise<string> {
    return this.page.getByTestId('timer').locator('strong').innerText();
  }

  private attendanceRow(name: string): Locator {
    return this.page.getByTestId('attendance-panel').getByTestId('attendance-row').filter({ hasText: name });
  }

  /** Picks a member's mark in the roll call (the minutes-taker or the chair) and waits until it is shown. */
  async markAttendance(name: string, mark: AttendanceMark): Promise<void> {
    const row = this.attendanceRow(name);
    // The roll call's controls hydrate apart from the rest of the page (a dynamic part with its own fallback).
    await waitUntilInteractive(row.getByTestId('attendance-select'));
    await row.getByTestId('attendance-select').selectOption(mark);
    await row.and(this.page.locator(`[data-status="${mark}"]`)).waitFor();
  }

  /** Marks a member absent and types the reason the minutes will state. */
  async markAbsentWithReason(name: string, reason: string): Promise<void> {
    const row = this.attendanceRow(name);
    await waitUntilInteractive(row.getByTestId('attendance-select'));
    await row.getByTestId('attendance-select').selectOption('absent_with_reason');
    await row.getByTestId('attendance-reason').fill(reason);
    await row.getByTestId('attendance-reason-save').click();
    await row.and(this.page.locator('[data-status="absent_with_reason"]')).waitFor();
  }

  /** "Everyone present" (the minutes-taker or the chair); waits until nobody expected is left unmarked. */
  async markEveryonePresent(): Promise<void> {
    await waitUntilInteractive(this.page.getByTestId('attendance-all-present'));
    await this.page.getByTestId('attendance-all-present').click();
    await this.page.getByTestId('attendance-all-present').waitFor({ state: 'detached' });
  }

  /** A member's mark as shown, or "unmarked". */
  async attendanceStatus(name: string): Promise<string | null> {
    return this.attendanceRow(name).getAttribute('data-status');
  }

  /** A member's user id, as the roll call knows it. */
  async userIdOf(name: string): Promise<string | null> {
    return this.attendanceRow(name).getAttribute('data-user-id');
  }

  async attendanceFigures(): Promise<AttendanceFigures> {
    return figuresOf(this.page.getByTestId('attendance-counts'));
  }

  /** Unfolds the list of agenda items under the item under discussion (it folds once one is chosen). */
  async openSectionMenu(): Promise<void> {
    const menu = this.page.getByTestId('section-menu');
    if ((await menu.getAttribute('open')) === null) await this.page.getByTestId('section-menu-toggle').click();
    await this.page.locator('[data-testid="section-menu"][open]').waitFor();
  }

  /** Moves the meeting to the agenda item whose title contains `title` (the chair or the minutes-taker). */
  async chooseSection(title: string): Promise<void> {
    await this.openSectionMenu();
    const menu = this.page.getByTestId('current-section');
    const entries = menu.locator('label').filter({ hasText: title });
    if ((await entries.count()) !== 1) {
      const all = await menu.locator('label').allInnerTexts();
      throw new Error(`not one agenda item "${title}" among ${all.join(' | ')}`);
    }
    const sectionId = await entries.getByTestId('section-option').getAttribute('value');
    await entries.click();
    await this.page.locator(`[data-testid="current-section"][data-section-id="${sectionId}"]`).waitFor();
  }

  /** Titles in the menu of sections that do not fit their entry (cut off, or ending in an ellipsis), with the menu open. */
  async sectionTitlesCut(): Promise<string[]> {
    await this.openSectionMenu();
    return this.page
      .getByTestId('current-section')
      .locator('label')
      .evaluateAll((labels) =>
        labels
          .filter((label) => {
            const title = label.querySelector('span') ?? label;
            const style = getComputedStyle(title);
            return title.scrollWidth > title.clientWidth + 1 || style.textOverflow === 'ellipsis';
          })
          .map((label) => (label.textContent ?? '').trim()),
      );
  }

  /** The entries of the menu of sections as shown, each with how far it is indented (0 for a Roman numeral). */
  async sectionMenu(): Promise<{ title: string; depth: number }[]> {
    return this.page
      .getByTestId('current-section')
      .locator('li')
      .evaluateAll((items) =>
        items.map((item) => ({
          title: (item.textContent ?? '').trim(),
          depth: Number(item.getAttribute('data-depth')),
        })),
      );
  }

  /** A member presses "Xin phát biểu"; resolves once they are told they are waiting. */
  async requestFloor(): Promise<void> {
    await this.page.getByTestId('speaker-request').click();
    await this.page.locator('[data-testid="speaker-mine"][data-state="waiting"]').waitFor();
  }

  /** Names waiting for the floor, in order. */
  async waitingSpeakers(): Promise<string[]> {
    return this.page.getByTestId('speaker-item').locator('.speaker-list__name').allInnerTexts();
  }

  /** The chair gives the floor to a waiting member. */
  async giveFloor(name: string): Promise<void> {
    await this.page.getByTestId('speaker-item').filter({ hasText: name }).getByTestId('speaker-give-floor').click();
  }

  /** The SHA-256 the sealed banner carries. */
  async sealedHash(): Promise<{ attribute: string | null; shown: string }> {
    return {
      attribute: await this.sealedBanner.getAttribute('data-hash'),
      shown: await this.sealedBanner.getByTestId('sealed-hash').innerText(),
    };
  }

  /** Appends a dated correction under the sealed minutes. */
  async addAmendment(body: string): Promise<void> {
    const form = this.page.getByTestId('amendment-form');
    await form.getByTestId('amendment-body').fill(body);
    await form.getByTestId('amendment-submit').click();
    await form.getByTestId('amendment-added').waitFor();
  }

  /** The corrections listed under the minutes, as shown. */
  async amendments(): Promise<string[]> {
    return this.page.getByTestId('amendment-item').allInnerTexts();
  }

  /** Tags the document now loaded in the tab, so a later check can tell whether it was reloaded. */
  async tagThisLoad(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as { __e2eLoadTag?: boolean }).__e2eLoadTag = true;
    });
  }

  /** True while the tab still shows the document tagged by tagThisLoad (no reload in between). */
  async isSameLoad(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as { __e2eLoadTag?: boolean }).__e2eLoadTag === true);
  }
}
