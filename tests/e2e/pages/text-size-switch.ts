import type { Locator, Page } from 'playwright-core';

/** The header's "Chữ lớn" switch: larger text and higher contrast. */
export class TextSizeSwitch {
  readonly button: Locator;

  constructor(private readonly page: Page) {
    this.button = page.getByTestId('large-text-switch');
  }

  /** The size the page was drawn at, from <html data-text-size>. */
  async size(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-text-size');
  }

  /** Presses the switch until the page is drawn at `size`. */
  async set(size: 'normal' | 'large'): Promise<void> {
    if ((await this.size()) === size) return;
    await this.button.click();
    await this.page.locator(`html[data-text-size="${size}"]`).waitFor({ state: 'attached' });
  }

  /** The root font size in CSS pixels, as the browser computed it. */
  async rootFontSize(): Promise<number> {
    return this.page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  }
}
