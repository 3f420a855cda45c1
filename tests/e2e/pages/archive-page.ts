import type { Locator, Page } from 'playwright-core';
import { waitUntilInteractive } from './interactive';

/** /archive: the meetings of the cells the reader belongs to or oversees, by year and month, with filters. */
export class ArchivePage {
  readonly items: Locator;
  readonly count: Locator;
  readonly filterError: Locator;

  constructor(private readonly page: Page) {
    this.items = page.getByTestId('archive-item');
    this.count = page.getByTestId('archive-count');
    this.filterError = page.getByTestId('archive-filter-error');
  }

  /** Follows "Lưu trữ" in the header, opening the header's menu first where it is folded (a phone). */
  async openFromHeader(): Promise<void> {
    const toggle = this.page.locator('.site-header__toggle');
    if (await toggle.isVisible()) {
      // The menu opens by the page's script: pressed before the header hydrates, it stays shut.
      await waitUntilInteractive(toggle);
      await toggle.click();
    }
    await this.page.getByTestId('archive-link').click();
    await this.page.waitForURL((url) => url.pathname === '/archive');
    await this.count.waitFor();
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/archive${query}`);
    await this.count.waitFor();
  }

  /** Chooses filters by their visible labels and applies them. */
  async filter(choices: { state?: string; year?: string; kind?: string }): Promise<void> {
    for (const [name, label] of Object.entries(choices)) {
      await this.page.getByTestId(`archive-filter-${name}`).selectOption({ label });
    }
    await this.page.getByTestId('archive-filter-apply').click();
    await this.page.waitForURL((url) => url.search.length > 0);
    await this.count.waitFor();
  }

  /** The month headings, in the order shown. */
  months(): Promise<string[]> {
    return this.page.getByTestId('archive-month').locator('h3').allInnerTexts();
  }

  /** The titles of the meetings listed, in order. */
  titles(): Promise<string[]> {
    return this.items.locator('.meeting-list__title').allInnerTexts();
  }
}
