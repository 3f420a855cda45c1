import type { Locator, Page } from 'playwright-core';

export type ConnectionStatus = 'connected' | 'connecting' | 'offline';

/** The status bar above the minutes: connection, saved or not, and who has them open. */
export class EditorStatus {
  readonly connectionPill: Locator;
  readonly savePill: Locator;
  readonly presence: Locator;

  constructor(page: Page) {
    this.connectionPill = page.getByTestId('connection-status');
    this.savePill = page.getByTestId('save-status');
    this.presence = page.getByTestId('presence-list').getByTestId('presence-user');
  }

  async connection(): Promise<ConnectionStatus | null> {
    return (await this.connectionPill.getAttribute('data-status')) as ConnectionStatus | null;
  }

  /** True when the page says every change has reached the server's database. */
  async saved(): Promise<boolean> {
    return (await this.savePill.getAttribute('data-saved')) === 'true';
  }

  /** The people listed as having the minutes open, as shown (yourself with a "(you)" note). */
  async people(): Promise<string[]> {
    return this.presence.allInnerTexts();
  }
}
