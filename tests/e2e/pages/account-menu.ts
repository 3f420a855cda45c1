import type { Locator, Page } from 'playwright-core';
import { waitUntilInteractive } from './interactive';

/** The signed-in part of the header: who is signed in, and the button that signs out. */
export class AccountMenu {
  readonly currentUser: Locator;
  readonly signOutButton: Locator;

  constructor(private readonly page: Page) {
    this.currentUser = page.getByTestId('current-user');
    this.signOutButton = page.getByTestId('sign-out');
  }

  /** Whose name the header shows as signed in, or null when it shows nobody. */
  async signedInAs(): Promise<string | null> {
    return (await this.currentUser.count()) > 0 ? this.currentUser.innerText() : null;
  }

  /** Presses "Đăng xuất" and waits for the sign-in page that says the member has signed out. */
  async signOut(): Promise<void> {
    await waitUntilInteractive(this.signOutButton);
    await this.signOutButton.click();
    await this.page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('notice') === 'signedOut');
    await this.page.getByTestId('signin-notice-signedOut').waitFor();
  }
}
