import type { Locator, Page } from 'playwright-core';

/** The header on every page: who is signed in, and the language buttons. */
export class SiteHeader {
  readonly currentUser: Locator;

  constructor(private readonly page: Page) {
    this.currentUser = page.getByTestId('current-user');
  }

  /** The language the page is rendered in, from <html lang>. */
  async language(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }

  /** Presses the button of a language and waits until the page is shown in it. */
  async switchLanguage(locale: 'vi' | 'en'): Promise<void> {
    await this.page.getByTestId(`language-${locale}`).click();
    await this.page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
  }
}
