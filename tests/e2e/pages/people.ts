import type { Visitor } from '../../helpers/browser';
import type { E2eApp, Person } from '../../helpers/e2e-app';
import { MeetingPage } from './meeting-page';
import { MeetingRecordPage } from './meeting-record-page';
import { SignInPage } from './sign-in-page';

/** A person at their own browser, signed in through the sign-in page and arrived on the dashboard. */
export async function signedIn(app: E2eApp, person: Person): Promise<Visitor> {
  const visitor = await app.visitor();
  const signIn = new SignInPage(visitor.page);
  await signIn.goto();
  await signIn.signIn(person.email, person.password);
  await visitor.page.waitForURL((url) => url.pathname === '/');
  return visitor;
}

/** A signed-in person looking at a meeting's live minutes, ready to type. */
export async function openMinutes(
  app: E2eApp,
  person: Person,
  meetingId: string,
): Promise<{ visitor: Visitor; meeting: MeetingPage }> {
  const visitor = await signedIn(app, person);
  const meeting = new MeetingPage(visitor.page);
  await meeting.goto(meetingId);
  await meeting.editor.waitUntilEditable();
  return { visitor, meeting };
}

/** A signed-in person at a meeting's page, its minutes shown and ready, to take part in the meeting. */
export async function openMeeting(
  app: E2eApp,
  person: Person,
  meetingId: string,
): Promise<{ visitor: Visitor; meeting: MeetingRecordPage }> {
  const visitor = await signedIn(app, person);
  const meeting = new MeetingRecordPage(visitor.page);
  await meeting.goto(meetingId);
  await meeting.editor.waitUntilEditable();
  return { visitor, meeting };
}
