import type { Locator, Page } from 'playwright-core';

/** The home page of a signed-in user: a greeting and a card per chi bộ. */
export class DashboardPage {
  readonly greeting: Locator;
  readonly cells: Locator;

  constructor(private readonly page: Page) {
    this.greeting = page.locator('main h1');
    this.cells = page.getByTestId('cell-card');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
  }

  /** True when the browser is showing the dashboard. */
  isShown(): boolean {
    return new URL(this.page.url()).pathname === '/';
  }

  /** The card of the chi bộ with this name. */
  cell(name: string): Locator {
    return this.cells.filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }
}
