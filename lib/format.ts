import type { Locale } from './i18n';

const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * Splits a stored local date-time ("2026-12-05T19:30") into a Date whose UTC
 * fields are those local fields. Formatting it in UTC shows the time as the
 * secretary typed it, whatever the server's or the reader's time zone.
 */
function asUtcFields(startsAt: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(startsAt);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi));
}

/** "Thứ Bảy, 05/12/2026 lúc 19:30" style, in the reader's language. */
export function formatStartsAt(startsAt: string, locale: Locale): string {
  const date = asUtcFields(startsAt);
  if (!date) return startsAt;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone: 'UTC',
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/**
 * The organisation's time zone (an IANA name, Asia/Ho_Chi_Minh by default):
 * every time is computed and shown in it, on the server and in the browser
 * alike, so a page rendered by a server in UTC and read in Hà Nội says the
 * same thing before and after it is live.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Whether `zone` is a time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
}

/** Today's date as YYYY-MM-DD in the organisation's time zone. */
export function todayIso(timeZone: string, now = new Date()): string {
  const { y, mo, d } = wallClock(now, timeZone);
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The instant a stored local date-time ("2026-12-05T19:30", as the secretary
 * typed it) stands for in the organisation's time zone.
 */
export function wallTimeToInstant(local: string, timeZone: string): Date | null {
  const guess = asUtcFields(local);
  if (!guess) return null;
  // The zone's offset at that moment, measured by reading the guess back; twice settles a DST edge.
  let instant = guess.getTime();
  for (let i = 0; i < 2; i++) {
    const { y, mo, d, h, mi, s } = wallClock(new Date(instant), timeZone);
    const shown = Date.UTC(y, mo - 1, d, h, mi, s);
    instant += guess.getTime() - shown;
  }
  return new Date(instant);
}

/**
 * Meetings still to come (soonest first) and the others (latest first). A
 * meeting stays "upcoming" for the whole of its day, unless it has been
 * held: a closed or approved meeting, or one recorded as not held, is never
 * "upcoming", whatever its date.
 */
export function splitByDate<T extends { startsAt: string; state?: string }>(
  meetings: readonly T[],
  today: string,
): { upcoming: T[]; past: T[] } {
  const held = (m: T) => m.state === 'closed' || m.state === 'approved' || m.state === 'not_held';
  const upcoming = meetings
    .filter((m) => m.startsAt.slice(0, 10) >= today && !held(m))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = meetings
    .filter((m) => m.startsAt.slice(0, 10) < today || held(m))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return { upcoming, past };
}

/** A number with up to one decimal, in the reader's notation ("87,5" in Vietnamese). */
export function formatDecimal(value: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 1 }).format(value);
}

/**
 * An instant (ISO-8601 with a zone, as the server records it) as a date and
 * time in the organisation's time zone, the same on the server and in the
 * browser.
 */
export function formatInstant(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** A calendar date stored as YYYY-MM-DD, shown as 05/12/2026 (en-GB and vi-VN both write day first). */
export function formatDay(day: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}
