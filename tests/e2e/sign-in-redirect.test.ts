import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { DashboardPage } from './pages/dashboard-page';
import { ForeignTraffic } from './pages/foreign-traffic';
import { signedIn } from './pages/people';
import { SignInPage } from './pages/sign-in-page';

/** callbackUrl values that point away from the site, each as a browser would read it. */
const FOREIGN = [
  // Browsers drop tabs from URLs: this is "//example.com".
  { label: 'a tab between two slashes', value: '/\t/example.com' },
  { label: 'a protocol-relative address', value: '//example.com' },
  { label: 'an absolute https address', value: 'https://example.com/' },
  // Browsers read "\" as "/": this is "//example.com" too.
  { label: 'a backslash after the slash', value: '/\\example.com' },
  { label: 'a javascript: address', value: 'javascript:alert(1)' },
];

const signInAddress = (callbackUrl: string) => `/signin?${new URLSearchParams({ callbackUrl }).toString()}`;

describe('where signing in leads, whatever callbackUrl says', () => {
  const started = useE2eApp();

  it('follows a callbackUrl that is a page of this site', async () => {
    const { page, context } = await started.app.visitor();
    const traffic = await ForeignTraffic.watch(context, page);
    const meetingPath = `/meetings/${started.cell.meetingId}`;
    const signIn = new SignInPage(page);
    await page.goto(signInAddress(meetingPath));

    await signIn.signIn(started.cell.member.email, started.cell.member.password);
    await page.waitForURL((url) => url.pathname !== '/signin');
    expect(new URL(page.url()).origin).toBe(started.app.server.url);
    expect(new URL(page.url()).pathname).toBe(meetingPath);
    expect(traffic.requests).toEqual([]);
  });

  it.each(FOREIGN)('lands a member whose callbackUrl is $label on the dashboard of this site', async ({ value }) => {
    const { page, context } = await started.app.visitor();
    const traffic = await ForeignTraffic.watch(context, page);
    const signIn = new SignInPage(page);
    const dashboard = new DashboardPage(page);
    await page.goto(signInAddress(value));
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe(value);

    await signIn.signIn(started.cell.member.email, started.cell.member.password);
    // Wherever the page goes next (or whatever it runs instead), it has left the sign-in form.
    await expect
      .poll(() => traffic.dialogs.length > 0 || traffic.requests.length > 0 || !page.url().includes('/signin'))
      .toBe(true);
    expect(traffic.dialogs).toEqual([]);
    expect(traffic.requests).toEqual([]);
    expect(new URL(page.url()).origin).toBe(started.app.server.url);
    expect(dashboard.isShown()).toBe(true);
    await dashboard.cell(started.cell.cellName).waitFor();
  });

  it('sends a member who is already signed in from the sign-in page to the dashboard of this site, whatever callbackUrl says', async () => {
    const { page, context } = await signedIn(started.app, started.cell.member);
    const traffic = await ForeignTraffic.watch(context, page);
    const dashboard = new DashboardPage(page);

    for (const { value } of FOREIGN) {
      await page.goto(signInAddress(value));
      expect(traffic.dialogs).toEqual([]);
      expect(traffic.requests).toEqual([]);
      expect(new URL(page.url()).origin).toBe(started.app.server.url);
      expect(dashboard.isShown()).toBe(true);
      await dashboard.cell(started.cell.cellName).waitFor();
    }
  });
});
