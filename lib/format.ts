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

/** Today's date as YYYY-MM-DD in the server's time zone. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Meetings from today on (soonest first) and earlier ones (latest first). A
 * meeting stays "upcoming" for the whole of its day.
 */
export function splitByDate<T extends { startsAt: string }>(
  meetings: readonly T[],
  today = todayIso(),
): { upcoming: T[]; past: T[] } {
  const upcoming = meetings
    .filter((m) => m.startsAt.slice(0, 10) >= today)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = meetings
    .filter((m) => m.startsAt.slice(0, 10) < today)
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return { upcoming, past };
}

/** A number with up to one decimal, in the reader's notation ("87,5" in Vietnamese). */
export function formatDecimal(value: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 1 }).format(value);
}

/**
 * An instant (ISO-8601 with a zone, as the server records it) as a date and
 * time in the zone of whoever formats it: the server's for pages, the
 * reader's for live panels.
 */
export function formatInstant(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
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
