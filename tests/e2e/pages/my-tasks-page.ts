import type { Locator, Page } from 'playwright-core';

/** /tasks: the tasks the cell gave the signed-in member, reached from the header. */
export class MyTasksPage {
  readonly items: Locator;

  constructor(private readonly page: Page) {
    this.items = page.getByTestId('my-tasks').getByTestId('my-task-item');
  }

  /** Follows "Nhiệm vụ của tôi" in the header. */
  async openFromHeader(): Promise<void> {
    await this.page.getByTestId('my-tasks-link').click();
    await this.page.waitForURL((url) => url.pathname === '/tasks');
    await this.page.getByTestId('my-tasks').waitFor();
  }

  /** The task whose text contains `text`. */
  item(text: string): Locator {
    return this.items.filter({ has: this.page.locator('.task-card__body', { hasText: text }) });
  }
}
