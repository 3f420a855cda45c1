import type { Locator, Page } from 'playwright-core';
import { waitUntilInteractive } from './interactive';

/** /invite/<token>: the page a one-time link opens, to set a first password or a new one. */
export class InvitePage {
  readonly heading: Locator;
  /** Whom the link is for. */
  readonly forWhom: Locator;
  readonly form: Locator;
  /** Shown instead of the form for a link that was used, expired or never issued. */
  readonly invalid: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByTestId('invite-heading');
    this.forWhom = page.getByTestId('invite-for');
    this.form = page.getByTestId('invite-form');
    this.invalid = page.getByTestId('invite-invalid');
  }

  /** Opens the link as the person it was sent to would, by its full address. */
  async open(link: string): Promise<void> {
    await this.page.goto(link);
  }

  /** Types the password twice and saves it; resolves on the sign-in page the form sends the person to. */
  async setPassword(password: string): Promise<void> {
    await waitUntilInteractive(this.form);
    await this.form.locator('input[name="password"]').fill(password);
    await this.form.locator('input[name="passwordConfirm"]').fill(password);
    await this.form.locator('button[type="submit"]').click();
    await this.page.waitForURL((url) => url.pathname === '/signin');
  }
}
