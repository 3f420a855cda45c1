import { translator, type Locale, type Translate } from '../../lib/i18n';
import { messagesFor } from '../../lib/messages';
import { MINIMUM_MINUTES } from '../../lib/rules/duration';
import { formatStartsAt } from '../../lib/format';
import type { MeetingNoticeFacts } from '../../lib/share';
import type { Db } from '../db/connection';
import type { Meeting } from '../db/schema';
import { meetingContext } from '../meeting/context';
import type { Services } from '../services';
import type { SessionUser } from '../services/accounts';
import { calendarFileName, DEFAULT_MEETING_MINUTES, meetingCalendar } from './calendar';

/** How much of the agenda's first line a calendar entry or a notice carries. */
const HEADLINE_MAX = 200;

/** The meeting's name as its notice says it: its title, or its kind's name. */
export function noticeFacts(
  t: Translate,
  meeting: Pick<Meeting, 'title' | 'kind' | 'starts_at' | 'place'>,
): MeetingNoticeFacts {
  return {
    title: meeting.title || t(`meetingKind.${meeting.kind}`),
    startsAt: meeting.starts_at,
    place: meeting.place,
  };
}

/** The first line of the meeting's agenda (as the server last projected it), or null. */
export async function agendaHeadline(db: Db, meetingId: string): Promise<string | null> {
  const row = await db
    .selectFrom('meeting_text')
    .select('agenda')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  const line = row?.agenda
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return null;
  return line.length > HEADLINE_MAX ? `${line.slice(0, HEADLINE_MAX - 1)}…` : line;
}

export const meetingUrl = (origin: string, meetingId: string) => `${origin}/meetings/${meetingId}`;
export const calendarUrl = (origin: string, meetingId: string) => `${origin}/meetings/${meetingId}/calendar.ics`;

/** A meeting's calendar entry as a file, built from a meeting row. */
async function calendarOf(
  services: Services,
  t: Translate,
  meeting: Meeting,
  origin: string,
  timeZone: string,
): Promise<{ name: string; content: string }> {
  const cell = await services.organisations.getCell(meeting.cell_id);
  const headline = await agendaHeadline(services.db, meeting.id);
  const description = [
    headline ? t('share.calendarAgenda', { headline }) : null,
    meeting.topic ? t('share.calendarTopic', { topic: meeting.topic }) : null,
    cell ? cell.name : null,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
  const content = meetingCalendar({
    id: meeting.id,
    title: noticeFacts(t, meeting).title,
    startsAt: meeting.starts_at,
    timeZone,
    durationMinutes: MINIMUM_MINUTES[meeting.kind] || DEFAULT_MEETING_MINUTES,
    place: meeting.place,
    description,
    url: meetingUrl(origin, meeting.id),
  });
  return { name: calendarFileName(meeting.starts_at), content };
}

/**
 * The calendar entry of a meeting for `user`: the policy is asked once
 * (meetingContext: 404 for a meeting the user may not know of).
 */
export async function meetingCalendarFor(
  services: Services,
  options: { t: Translate; timeZone: string; origin: string },
  user: SessionUser,
  meetingId: string,
): Promise<{ name: string; content: string }> {
  const { meeting } = await meetingContext(services, meetingId, user);
  return calendarOf(services, options.t, meeting, options.origin, options.timeZone);
}

/**
 * The meeting's notice as mail: what every message shares (read once), and
 * for each recipient the subject, the text addressed to them and the
 * calendar entry to attach.
 */
export async function meetingNoticeMail(
  services: Services,
  options: { locale: Locale; timeZone: string; origin: string },
  meeting: Meeting,
): Promise<(recipientName: string) => { subject: string; text: string; calendar: { name: string; content: string } }> {
  const t = translator(messagesFor(options.locale));
  const facts = noticeFacts(t, meeting);
  const headline = await agendaHeadline(services.db, meeting.id);
  const cell = await services.organisations.getCell(meeting.cell_id);
  const calendar = await calendarOf(services, t, meeting, options.origin, options.timeZone);
  const time = formatStartsAt(meeting.starts_at, options.locale);
  const body = [
    t('share.meetingText', { title: facts.title, time, place: meeting.place }),
    ...(headline ? [t('share.calendarAgenda', { headline })] : []),
    '',
    t('mail.noticeOpen', { url: meetingUrl(options.origin, meeting.id) }),
    t('mail.noticeCalendar', { url: calendarUrl(options.origin, meeting.id) }),
    ...(cell ? ['', t('mail.signature', { cell: cell.name })] : []),
  ].join('\n');
  const subject = t('mail.noticeSubject', { title: facts.title, time });
  return (recipientName) => ({
    subject,
    text: `${t('mail.greeting', { name: recipientName })}\n\n${body}`,
    calendar,
  });
}

/** A password link as a message to the member it is for. */
export function passwordLinkMail(
  locale: Locale,
  link: { purpose: 'invite' | 'reset'; name: string; url: string; cellName: string | null },
) {
  const t = translator(messagesFor(locale));
  const reset = link.purpose === 'reset';
  const text = [
    t('mail.greeting', { name: link.name }),
    '',
    t(reset ? 'share.resetText' : 'share.inviteText', { name: link.name }),
    link.url,
    '',
    t('mail.linkOnce'),
    ...(link.cellName ? ['', t('mail.signature', { cell: link.cellName })] : []),
  ].join('\n');
  return { subject: t(reset ? 'share.resetTitle' : 'share.inviteTitle'), text };
}
