import type { Locator, Page } from 'playwright-core';

export type AcknowledgingRole = 'chair' | 'secretary';

/**
 * Closing (kết thúc): the minutes-taker's read-back, the vote on the minutes,
 * and the two confirmations that seal them.
 */
export class ClosingPanel {
  readonly root: Locator;
  /** The line saying when the minutes were read back. */
  readonly readBackDone: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('closing-panel');
    this.readBackDone = this.root.getByTestId('read-back-done');
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

  /** The chair or the minutes-taker confirms the approved minutes. */
  async acknowledge(role: AcknowledgingRole): Promise<void> {
    await this.root.getByTestId(`acknowledge-${role}`).click();
  }

  /** The line recording a confirmation, once the page shows it. */
  acknowledged(role: AcknowledgingRole): Locator {
    return this.root.getByTestId(`acknowledged-${role}`);
  }
}
