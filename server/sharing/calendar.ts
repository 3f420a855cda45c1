import { createEvent } from 'ics';
import { wallTimeToInstant } from '../../lib/format';

/** How long a calendar entry lasts when the meeting's kind sets no minimum (90 or 120 minutes otherwise). */
export const DEFAULT_MEETING_MINUTES = 90;

/** What a meeting's calendar entry says. */
export interface CalendarMeeting {
  id: string;
  title: string;
  /** Local date-time in `timeZone` ("2026-12-05T19:30"), as meetings are stored. */
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  place: string;
  /** One or two lines: the agenda's headline, the cell. */
  description: string;
  /** The meeting's page. */
  url: string;
}

/**
 * The calendar entry's UID: the same for every download of one meeting, so a
 * calendar that imports the file again updates the entry instead of adding a
 * second one. The meeting id is a UUID; the domain part names the product.
 */
export function calendarUid(meetingId: string): string {
  return `${meetingId}@bienban`;
}

/**
 * One meeting as an iCalendar file (RFC 5545). DTSTART is written in UTC
 * (`…Z`): the stored wall time is turned into its instant in the
 * organisation's zone here, so a phone set to any zone shows the right hour
 * without the file having to carry a VTIMEZONE.
 */
export function meetingCalendar(meeting: CalendarMeeting): string {
  const start = wallTimeToInstant(meeting.startsAt, meeting.timeZone);
  if (!start) throw new Error(`meetingCalendar: bad start "${meeting.startsAt}"`);
  const { error, value } = createEvent({
    productId: 'bienban/meetings',
    method: 'PUBLISH',
    uid: calendarUid(meeting.id),
    start: start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: Math.max(1, meeting.durationMinutes) },
    title: meeting.title,
    location: meeting.place,
    description: meeting.description,
    url: meeting.url,
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    alarms: [{ action: 'display', description: meeting.title, trigger: { hours: 2, before: true } }],
  });
  if (error || !value) throw error ?? new Error('meetingCalendar: no output');
  return value;
}

/** A file name for the download: ASCII only, so every browser keeps it. */
export function calendarFileName(startsAt: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(startsAt)?.[0] ?? 'meeting';
  return `hop-chi-bo-${day}.ics`;
}
