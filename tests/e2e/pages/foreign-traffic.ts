import type { BrowserContext, Page } from 'playwright-core';

/**
 * What a browser profile did outside the app: every request it made to
 * example.com (answered here with a stand-in page, so a redirect there shows
 * in the address bar instead of failing) and every dialog a page opened
 * (`javascript:alert(1)` would open one).
 */
export class ForeignTraffic {
  readonly requests: string[] = [];
  readonly dialogs: string[] = [];

  private constructor() {}

  static async watch(context: BrowserContext, page: Page): Promise<ForeignTraffic> {
    const traffic = new ForeignTraffic();
    await context.route(/^[a-z]+:\/\/([^/]+\.)?example\.com(:\d+)?(\/|$)/i, async (route) => {
      traffic.requests.push(route.request().url());
      await route.fulfill({ contentType: 'text/html', body: '<!doctype html><h1>example.com</h1>' });
    });
    page.on('dialog', (dialog) => {
      traffic.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    return traffic;
  }
}
