import type { Locator, Page } from 'playwright-core';
import { waitUntilInteractive } from './interactive';

export interface SetupDetails {
  adminName: string;
  email: string;
  password: string;
  committeeName: string;
  cellName: string;
}

/** /setup: the first-run form of an empty installation, or the note that setup is closed. */
export class SetupPage {
  readonly form: Locator;
  readonly closedNotice: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId('setup-form');
    this.closedNotice = page.getByTestId('setup-closed');
  }

  async goto(): Promise<void> {
    await this.page.goto('/setup');
  }

  /** Fills in the administrator and the organisation and submits, as a person would. */
  async complete(details: SetupDetails): Promise<void> {
    await waitUntilInteractive(this.form);
    await this.field('adminName').fill(details.adminName);
    await this.field('email').fill(details.email);
    await this.field('password').fill(details.password);
    await this.field('passwordConfirm').fill(details.password);
    await this.field('committeeName').fill(details.committeeName);
    await this.field('cellName').fill(details.cellName);
    await this.form.locator('button[type="submit"]').click();
  }

  private field(name: string): Locator {
    return this.form.locator(`input[name="${name}"]`);
  }
}
