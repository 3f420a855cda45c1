import type { Locator, Page } from 'playwright-core';
import { VotesPanel } from './votes-panel';

export type AcknowledgingRole = 'chair' | 'secretary';

/**
 * Closing (kết thúc): the minutes-taker's read-back, the vote on the minutes,
 * and the two confirmations that seal them.
 */
export class ClosingPanel {
  readonly root: Locator;
  /** The line saying when the minutes were read back. */
  readonly readBackDone: Locator;
  /** The vote on the minutes, taken here. */
  readonly minutesVote: VotesPanel;
  /** Before confirming: the lines of the minutes still holding a blank, and the choice to fill or go on. */
  readonly blanks: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('closing-panel');
    this.readBackDone = this.root.getByTestId('read-back-done');
    this.minutesVote = new VotesPanel(page, 'closing-panel');
    this.blanks = this.root.getByTestId('acknowledge-blanks');
  }

  /** The minutes-taker says the minutes have been read back to the meeting. */
  async readBack(): Promise<void> {
    await this.root.getByTestId('read-back').click();
    await this.readBackDone.waitFor();
  }

  /** The chair puts the minutes themselves to a show of hands. */
  async openMinutesVote(): Promise<void> {
    await this.root.getByTestId('vote-open-minutes').click();
  }

  /** True once a vote on the minutes has passed. */
  async minutesApproved(): Promise<boolean> {
    return (await this.root.getByTestId('closing-minutes-vote').getAttribute('data-approved')) === 'true';
  }

  /** The chair or the minutes-taker confirms the approved minutes (with no blank left in them). */
  async acknowledge(role: AcknowledgingRole): Promise<void> {
    await this.root.getByTestId(`acknowledge-${role}`).click();
  }

  /** Presses "confirm" and reads the blanks the page lists instead of confirming. */
  async acknowledgeListingBlanks(role: AcknowledgingRole): Promise<string[]> {
    await this.root.getByTestId(`acknowledge-${role}`).click();
    await this.blanks.waitFor();
    return this.blanks.getByTestId('acknowledge-blank-lines').locator('li').allInnerTexts();
  }

  /** Confirms although blanks are left, after they were listed. */
  async acknowledgeAnyway(): Promise<void> {
    await this.blanks.getByTestId('acknowledge-anyway').click();
  }

  /** "Go back and fill in": the blanks stay, nothing is confirmed. */
  async fillFirst(): Promise<void> {
    await this.blanks.getByTestId('acknowledge-fill-first').click();
  }

  /** The line saying whose confirmation the closing waits for. */
  waitingFor(role: AcknowledgingRole): Locator {
    return this.root.getByTestId(`acknowledge-waiting-${role}`);
  }

  /** The line recording a confirmation, once the page shows it. */
  acknowledged(role: AcknowledgingRole): Locator {
    return this.root.getByTestId(`acknowledged-${role}`);
  }
}
