import { EXPECTED_BROWSER_ERRORS } from '../helpers/browser';
import { describe, expect, it } from 'vitest';
import vi from '../../messages/vi.json';
import { useE2eApp } from '../helpers/e2e-app';
import { CellPage } from './pages/cell-page';
import { DashboardPage } from './pages/dashboard-page';
import { InvitePage } from './pages/invite-page';
import { signedIn } from './pages/people';
import { SignInPage } from './pages/sign-in-page';
import { SiteHeader } from './pages/site-header';

const NEW_PASSWORD = 'mật khẩu mới của Bình';

describe('a member who forgot the password', () => {
  const started = useE2eApp();

  it('gets a new password link from the cell secretary, sets a new password through it and signs in with it, and the old password and sessions stop working', async () => {
    const member = started.cell.member;
    // The old password is tried once it no longer works.
    started.app.expectConsoleErrors(EXPECTED_BROWSER_ERRORS.refusedSignIn);
    // A phone that is still signed in with the old password.
    const phone = await signedIn(started.app, member);

    // At the sign-in page, the member reads whom to ask.
    const { page } = await started.app.visitor();
    const signIn = new SignInPage(page);
    await signIn.goto();
    expect(await signIn.forgotPassword.innerText()).toBe(vi.signin.forgot);

    const secretary = await signedIn(started.app, started.cell.secretary);
    const cell = new CellPage(secretary.page);
    await cell.goto(started.cell.cellId);
    // Members who have a password are offered a new password link, not an invite, and it asks first.
    expect(await cell.member(member.name).getByTestId('invite-create').count()).toBe(0);
    const confirmation = await cell.askForResetLink(member.name);
    expect(await confirmation.innerText()).toContain(vi.members.resetConfirm.replace('{name}', member.name));
    const link = await cell.confirmResetLink(member.name);
    expect(new URL(link).pathname).toMatch(/^\/invite\/[A-Za-z0-9_-]{20,}$/);

    const invite = new InvitePage(page);
    await invite.open(link);
    expect(await invite.heading.innerText()).toBe(vi.invite.resetTitle);
    expect(await invite.forWhom.innerText()).toBe(
      vi.invite.resetFor.replace('{name}', member.name).replace('{login}', member.email),
    );
    await invite.setPassword(NEW_PASSWORD);

    expect(await signIn.notice('invited').innerText()).toBe(vi.signin.passwordSet);
    await signIn.signIn(member.email, NEW_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    expect(await new SiteHeader(page).currentUser.innerText()).toContain(member.name);

    // The phone's session ended with the old password: its next page is the sign-in page, saying so.
    await phone.page.goto('/');
    await phone.page.waitForURL((url) => url.pathname === '/signin');
    const phoneSignIn = new SignInPage(phone.page);
    await phoneSignIn.notice('expired').waitFor();
    await phoneSignIn.signIn(member.email, member.password);
    await phoneSignIn.error.waitFor();
    expect(await phoneSignIn.error.innerText()).toBe(vi.signin.failed);
    await phoneSignIn.signIn(member.email, NEW_PASSWORD);
    await expect.poll(() => new DashboardPage(phone.page).isShown()).toBe(true);

    // The link worked once.
    const again = new InvitePage((await started.app.visitor()).page);
    await again.open(link);
    await again.invalid.waitFor();
    expect(await again.form.count()).toBe(0);
  });
});
