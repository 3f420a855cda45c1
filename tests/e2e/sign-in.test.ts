import { EXPECTED_BROWSER_ERRORS } from '../helpers/browser';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import vi from '../../messages/vi.json';
import { useE2eApp } from '../helpers/e2e-app';
import { DashboardPage } from './pages/dashboard-page';
import { SignInPage } from './pages/sign-in-page';
import { SiteHeader } from './pages/site-header';

const WRONG_PASSWORD = 'sai-mat-khau-roi-123';

describe('signing in with email and password', () => {
  const started = useE2eApp();

  it('shows a clear message for a wrong password and stays on the sign-in page', async () => {
    const { page, context } = await started.app.visitor();
    started.app.expectConsoleErrors(EXPECTED_BROWSER_ERRORS.refusedSignIn);
    const signIn = new SignInPage(page);
    await signIn.goto();

    await signIn.signIn(started.cell.member.email, WRONG_PASSWORD);
    await signIn.error.waitFor();
    expect(await signIn.error.innerText()).toBe(vi.signin.failed);
    expect(await signIn.error.getAttribute('role')).toBe('alert');
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(page.url()).not.toContain(encodeURIComponent(WRONG_PASSWORD));
    expect(page.url()).not.toContain('password');
    expect((await context.cookies()).map((c) => c.name)).not.toContain('next-auth.session-token');
  });

  // Guards STACK.md trap 12: a form used before hydration submits natively, as GET unless it says post.
  it('never puts the password in the address bar, even when submitted before the page is interactive', async () => {
    const { page } = await started.app.visitor({ javaScriptEnabled: false });
    const signIn = new SignInPage(page);
    await signIn.goto();

    await Promise.all([page.waitForEvent('load'), signIn.submitNow(started.cell.member.email, WRONG_PASSWORD)]);
    expect(page.url()).not.toContain(encodeURIComponent(WRONG_PASSWORD));
    expect(page.url()).not.toContain('password');
  });

  it('lands on the dashboard with the right password', async () => {
    const { page } = await started.app.visitor();
    const signIn = new SignInPage(page);
    const dashboard = new DashboardPage(page);
    const header = new SiteHeader(page);
    await signIn.goto();

    await signIn.signIn(started.cell.member.email, started.cell.member.password);
    await expect.poll(() => dashboard.isShown()).toBe(true);
    await dashboard.cell(started.cell.cellName).waitFor();
    expect(await header.currentUser.innerText()).toContain(started.cell.member.name);
  });

  it('speaks Vietnamese by default and English after switching the language', async () => {
    const { page } = await started.app.visitor();
    const signIn = new SignInPage(page);
    const header = new SiteHeader(page);
    await signIn.goto();

    expect(await header.language()).toBe('vi');
    expect(await signIn.heading.innerText()).toBe(vi.signin.title);

    await header.switchLanguage('en');
    await expect.poll(() => signIn.heading.innerText()).toBe(en.signin.title);
    started.app.expectConsoleErrors(EXPECTED_BROWSER_ERRORS.refusedSignIn);
    await signIn.signIn(started.cell.member.email, WRONG_PASSWORD);
    await signIn.error.waitFor();
    expect(await signIn.error.innerText()).toBe(en.signin.failed);

    // The choice is remembered: the next page comes in English too.
    await signIn.signIn(started.cell.member.email, started.cell.member.password);
    const dashboard = new DashboardPage(page);
    await expect.poll(() => dashboard.isShown()).toBe(true);
    expect(await header.language()).toBe('en');
    expect(await dashboard.greeting.innerText()).toBe(
      en.dashboard.greeting.replace('{name}', started.cell.member.name),
    );
  });
});
