import { describe, expect, it } from 'vitest';
import { EXPECTED_BROWSER_ERRORS, type Visitor } from '../helpers/browser';
import type { Person } from '../helpers/e2e-app';
import { useE2eApp } from '../helpers/e2e-app';
import { localDocName, savedVectorKey } from '../../lib/offline';
import { AccountMenu } from './pages/account-menu';
import { DashboardPage } from './pages/dashboard-page';
import { deviceData, MeetingPage } from './pages/meeting-page';
import { openMinutes } from './pages/people';
import { SignInPage } from './pages/sign-in-page';

/** Signs `person` in on a browser someone else used before, from its sign-in page, and waits for the dashboard. */
async function signInOnSameBrowser(visitor: Visitor, person: Person): Promise<void> {
  const signIn = new SignInPage(visitor.page);
  await signIn.goto();
  await signIn.signIn(person.email, person.password);
  await visitor.page.waitForURL((url) => url.pathname === '/');
  await new DashboardPage(visitor.page).greeting.waitFor();
}

/**
 * Who the meeting's page says is signed in when it is opened without a
 * network: only a page the service worker kept can be shown then.
 */
async function signedInOnPageShownOffline(visitor: Visitor, meetingId: string): Promise<string | null> {
  await visitor.context.setOffline(true);
  try {
    const response = await visitor.page.goto(`/meetings/${meetingId}`).catch(() => null);
    if (!response) return null;
    return await new AccountMenu(visitor.page).signedInAs();
  } finally {
    await visitor.context.setOffline(false);
  }
}

/** Waits until this browser keeps the meeting for `person`: the page, the offline copy and the "saved" marker. */
async function waitUntilKeptOnDevice(visitor: Visitor, meeting: MeetingPage, person: Person, meetingId: string) {
  await expect.poll(() => meeting.status.connection()).toBe('connected');
  await expect.poll(() => meeting.isAvailableOffline()).toBe(true);
  await expect
    .poll(async () => (await deviceData(visitor.page)).databases)
    .toContain(localDocName(person.id, meetingId));
  await expect
    .poll(async () => (await deviceData(visitor.page)).storage)
    .toContain(savedVectorKey(person.id, meetingId));
  expect((await deviceData(visitor.page)).pages).toBeGreaterThan(0);
}

/** The names of `person`'s data among what this browser keeps. */
async function dataOf(visitor: Visitor, person: Person) {
  const kept = await deviceData(visitor.page);
  return {
    databases: kept.databases.filter((name) => name.includes(person.id)),
    storage: kept.storage.filter((key) => key.includes(person.id)),
    pages: kept.pages,
  };
}

describe('what a member leaves on a shared computer', () => {
  const started = useE2eApp();

  it('signing out removes the member’s offline copy, saved marker and kept page, and the next member to sign in there finds none of it', async () => {
    const { meetingId } = started.cell;
    const binh = started.cell.member;
    const an = started.cell.secretary;
    const { visitor, meeting } = await openMinutes(started.app, binh, meetingId);
    const written = 'Bình ghi trên máy dùng chung của văn phòng khu phố.';
    await meeting.editor.typeParagraphAtEnd(written);
    await expect.poll(() => meeting.status.saved()).toBe(true);
    await waitUntilKeptOnDevice(visitor, meeting, binh, meetingId);

    await new AccountMenu(visitor.page).signOut();
    await expect.poll(() => deviceData(visitor.page)).toEqual({ databases: [], storage: [], pages: 0 });

    await signInOnSameBrowser(visitor, an);
    expect(await new AccountMenu(visitor.page).signedInAs()).toContain(an.name);
    expect(await dataOf(visitor, binh)).toEqual({ databases: [], storage: [], pages: 0 });
    // Offline, the page is not there to show: the service worker answers 503.
    started.app.expectConsoleErrors(EXPECTED_BROWSER_ERRORS.offline, EXPECTED_BROWSER_ERRORS.pageNotKept);
    expect(await signedInOnPageShownOffline(visitor, meetingId)).toBeNull();

    // What Bình wrote was saved before she left: An reads it from the server.
    const anMeeting = new MeetingPage(visitor.page);
    await anMeeting.goto(meetingId);
    await anMeeting.editor.waitUntilEditable();
    await expect.poll(() => anMeeting.editor.text()).toContain(written);
    expect(await new AccountMenu(visitor.page).signedInAs()).toContain(an.name);
    await expect.poll(async () => (await deviceData(visitor.page)).databases).toEqual([localDocName(an.id, meetingId)]);
    expect((await dataOf(visitor, binh)).databases).toEqual([]);
  });

  it('signing in where another member’s session ended without signing out removes that member’s offline copy and kept page', async () => {
    const { meetingId } = started.cell;
    const binh = started.cell.member;
    const an = started.cell.secretary;
    const { visitor, meeting } = await openMinutes(started.app, binh, meetingId);
    await waitUntilKeptOnDevice(visitor, meeting, binh, meetingId);

    // Bình walks away; her session runs out (its cookie is gone), her copy stays behind.
    await visitor.context.clearCookies();
    await signInOnSameBrowser(visitor, an);
    expect(await new AccountMenu(visitor.page).signedInAs()).toContain(an.name);

    const left = await dataOf(visitor, binh);
    // Offline, the page is not there to show: the service worker answers 503.
    started.app.expectConsoleErrors(EXPECTED_BROWSER_ERRORS.offline, EXPECTED_BROWSER_ERRORS.pageNotKept);
    const shownOffline = await signedInOnPageShownOffline(visitor, meetingId);
    expect({ ...left, shownOffline }).toEqual({ databases: [], storage: [], pages: 0, shownOffline: null });
  });
});
