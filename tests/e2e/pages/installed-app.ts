import type { Response } from 'playwright-core';
import type { Visitor } from '../../helpers/browser';
import { PAGE_CACHE } from '../../../lib/offline';

/**
 * The app as a member opens it from the home screen of their phone: the
 * browser profile (cookies, service worker, caches, IndexedDB) outlives every
 * tab, and each start opens a new one.
 */
export class InstalledApp {
  constructor(private readonly visitor: Visitor) {}

  /**
   * Closes every tab of the browser, as when the app is swiped away, and
   * opens `path` in a new one: a cold start. The new tab becomes the
   * visitor's page, whose console errors fail the test as the first one's did.
   */
  async coldStart(path: string): Promise<{ servedByServiceWorker: boolean; status: number | null }> {
    for (const page of this.visitor.context.pages()) await page.close();
    const page = await this.visitor.context.newPage();
    const errors = this.visitor.errors;
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()} [${message.location().url}]`);
    });
    this.visitor.page = page;
    const response: Response | null = await page.goto(path).catch(() => null);
    return { servedByServiceWorker: response?.fromServiceWorker() ?? false, status: response?.status() ?? null };
  }

  /** The paths of the pages the service worker keeps for showing without a network. */
  async keptPages(): Promise<string[]> {
    return this.visitor.page.evaluate(async (pageCache) => {
      if (!(await caches.has(pageCache))) return [];
      const keys = await (await caches.open(pageCache)).keys();
      return keys.map((request) => new URL(request.url).pathname).sort();
    }, PAGE_CACHE);
  }

  /** True once a service worker controls the current tab. */
  async isControlled(): Promise<boolean> {
    return this.visitor.page.evaluate(() => navigator.serviceWorker?.controller != null);
  }
}
