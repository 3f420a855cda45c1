import { describe, expect, it } from 'vitest';
import { EXPECTED_BROWSER_ERRORS } from '../helpers/browser';
import { useE2eApp } from '../helpers/e2e-app';
import { AccountMenu } from './pages/account-menu';
import { DashboardPage } from './pages/dashboard-page';
import { InstalledApp } from './pages/installed-app';
import { MeetingPage } from './pages/meeting-page';
import { openMinutes } from './pages/people';
import { SignInPage } from './pages/sign-in-page';

describe('opening the installed app without a network', () => {
  const started = useE2eApp();

  it('starts on the dashboard and the meeting opened before, with the minutes kept on the device, and sends what was written once the network is back', async () => {
    const { meetingId } = started.cell;
    const binh = started.cell.member;
    const { visitor, meeting } = await openMinutes(started.app, binh, meetingId);
    const app = new InstalledApp(visitor);
    const online = 'Bình ghi lúc còn mạng ở nhà văn hóa.';
    await meeting.editor.typeParagraphAtEnd(online);
    await expect.poll(() => meeting.status.saved()).toBe(true);
    await expect.poll(() => meeting.isAvailableOffline()).toBe(true);
    await expect.poll(() => app.keptPages()).toEqual(['/', `/meetings/${meetingId}`]);

    started.app.expectConsoleErrors(EXPECTED_BROWSER_ERRORS.offline, EXPECTED_BROWSER_ERRORS.linkFallsBackToPageLoad);
    await visitor.context.setOffline(true);
    await expect.poll(() => meeting.status.connection()).toBe('offline');
    const beforeClosing = 'Mất sóng, Bình vẫn ghi rồi tắt ứng dụng.';
    await meeting.editor.typeParagraphAtEnd(beforeClosing);
    await expect.poll(() => meeting.deviceCopy(binh.id)).toContain(beforeClosing);

    // The app is swiped away and opened again from the home screen, still without a network.
    expect(await app.coldStart('/')).toEqual({ servedByServiceWorker: true, status: 200 });
    const dashboard = new DashboardPage(visitor.page);
    await dashboard.greeting.waitFor();
    expect(await dashboard.greeting.innerText()).toContain(binh.name);
    await visitor.page.getByTestId('offline-notice').waitFor();

    // Its link to the meeting leads to the kept page.
    await visitor.page.locator(`a[href="/meetings/${meetingId}"]`).first().click();
    await visitor.page.waitForURL((url) => url.pathname === `/meetings/${meetingId}`);
    const reopened = new MeetingPage(visitor.page);
    await reopened.editor.waitUntilEditable();
    await expect.poll(() => reopened.editor.text()).toContain(beforeClosing);
    expect(await reopened.editor.text()).toContain(online);
    expect(await reopened.status.connection()).toBe('offline');
    expect(await reopened.status.saved()).toBe(false);

    // Another cold start, straight to the meeting's address (a bookmark, a shared link).
    expect(await app.coldStart(`/meetings/${meetingId}`)).toEqual({ servedByServiceWorker: true, status: 200 });
    const again = new MeetingPage(visitor.page);
    await again.editor.waitUntilEditable();
    await expect.poll(() => again.editor.text()).toContain(beforeClosing);
    const afterStart = 'Mở lại ứng dụng khi chưa có mạng, ghi thêm ý kiến.';
    await again.editor.typeParagraphAtEnd(afterStart);
    await expect.poll(() => again.deviceCopy(binh.id)).toContain(afterStart);
    expect(await again.status.connection()).toBe('offline');
    expect(await again.status.saved()).toBe(false);

    await visitor.context.setOffline(false);
    await expect.poll(() => again.status.connection()).toBe('connected');
    await expect.poll(() => again.status.saved()).toBe(true);

    // The secretary, who never saw this device, reads all of it from the server.
    const { meeting: an } = await openMinutes(started.app, started.cell.secretary, meetingId);
    for (const text of [online, beforeClosing, afterStart]) await expect.poll(() => an.editor.text()).toContain(text);
  });

  it('after signing out, the installed app shows no member’s pages without a network, and the next member’s start page is their own', async () => {
    const { meetingId } = started.cell;
    const binh = started.cell.member;
    const an = started.cell.secretary;
    const { visitor, meeting } = await openMinutes(started.app, binh, meetingId);
    const app = new InstalledApp(visitor);
    await expect.poll(() => meeting.isAvailableOffline()).toBe(true);
    await expect.poll(() => app.keptPages()).toEqual(['/', `/meetings/${meetingId}`]);

    await new AccountMenu(visitor.page).signOut();
    await expect.poll(() => app.keptPages()).toEqual([]);

    started.app.expectConsoleErrors(
      EXPECTED_BROWSER_ERRORS.offline,
      EXPECTED_BROWSER_ERRORS.pageNotKept,
      EXPECTED_BROWSER_ERRORS.startPageNotKept,
    );
    await visitor.context.setOffline(true);
    expect(await app.coldStart('/')).toEqual({ servedByServiceWorker: true, status: 503 });
    expect(await new AccountMenu(visitor.page).signedInAs()).toBeNull();
    expect(await app.coldStart(`/meetings/${meetingId}`)).toEqual({ servedByServiceWorker: true, status: 503 });
    expect(await new AccountMenu(visitor.page).signedInAs()).toBeNull();
    await visitor.context.setOffline(false);

    // The secretary signs in on the same phone; offline, the app starts on her dashboard, not Bình's.
    expect((await app.coldStart('/signin')).status).toBe(200);
    await new SignInPage(visitor.page).signIn(an.email, an.password);
    await visitor.page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => app.keptPages()).toEqual(['/']);
    await visitor.context.setOffline(true);
    expect(await app.coldStart('/')).toEqual({ servedByServiceWorker: true, status: 200 });
    expect(await new DashboardPage(visitor.page).greeting.innerText()).toContain(an.name);
    expect(await new AccountMenu(visitor.page).signedInAs()).toContain(an.name);
    await visitor.context.setOffline(false);
  });
});
