import type { Locator, Page } from 'playwright-core';
import { waitUntilInteractive } from './interactive';

/** /signin: email (or phone number) and password. */
export class SignInPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly error: Locator;
  /** Whom to ask for a new password link. */
  readonly forgotPassword: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.locator('main h1');
    this.form = page.getByTestId('signin-form');
    this.error = page.getByTestId('signin-error');
    this.forgotPassword = page.getByTestId('signin-forgot');
  }

  async goto(): Promise<void> {
    await this.page.goto('/signin');
  }

  /** A notice the page shows on arrival, e.g. "setup" after first-run setup. */
  notice(name: string): Locator {
    return this.page.getByTestId(`signin-notice-${name}`);
  }

  /** Types the email (or phone number) and password and presses the button, once the page is interactive. */
  async signIn(login: string, password: string): Promise<void> {
    await waitUntilInteractive(this.form);
    await this.submitNow(login, password);
  }

  /** The same, without waiting for the page's JavaScript: what a fast typist on a slow phone does. */
  async submitNow(login: string, password: string): Promise<void> {
    await this.form.locator('input[name="login"]').fill(login);
    await this.form.locator('input[name="password"]').fill(password);
    await this.form.locator('button[type="submit"]').click();
  }
}
