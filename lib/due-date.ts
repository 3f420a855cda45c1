/**
 * A task's due date as people type it and as the minutes store it. People
 * here write the day first (15/12/2026, often 5/1/2027, some with "-" or "."
 * between); the minutes store ISO YYYY-MM-DD, which sorts as text and is the
 * only form the server accepts when it projects tasks (dueDateSchema).
 */

export type DueDateReading =
  | { ok: true; iso: string }
  /** `unreadable`: not a date in any form we know; `no_such_day`: a date the calendar does not have (31/02). */
  | { ok: false; reason: 'unreadable' | 'no_such_day' };

/** 15/12/2026, 5/1/2027, 15-12-2026, 15.12.2026: day, month, four-digit year, one separator throughout. */
const DAY_FIRST = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/;
/** 2026-12-15 as stored (and 2026/12/15): year first only with a four-digit year, so it cannot be mistaken. */
const YEAR_FIRST = /^(\d{4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/;

/**
 * A year before this is a slip of the keys (0226 for 2026), not a due date;
 * it also keeps every date read here inside what dueDateSchema accepts
 * (Date.UTC reads the years 0–99 as 1900–1999).
 */
const FIRST_YEAR = 1900;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether day `d` of month `m` (1–12) of `y` is on the calendar. */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= FIRST_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Reads a typed due date (day first, or ISO) into the stored form, or says why it cannot. */
export function parseDueDate(typed: string): DueDateReading {
  const text = typed.trim();
  let y: number, m: number, d: number;
  const dayFirst = DAY_FIRST.exec(text);
  const yearFirst = dayFirst ? null : YEAR_FIRST.exec(text);
  if (dayFirst) [d, m, y] = [Number(dayFirst[1]), Number(dayFirst[3]), Number(dayFirst[4])];
  else if (yearFirst) [y, m, d] = [Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4])];
  else return { ok: false, reason: 'unreadable' };
  if (!isCalendarDate(y, m, d)) return { ok: false, reason: 'no_such_day' };
  return { ok: true, iso: `${pad(y, 4)}-${pad(m)}-${pad(d)}` };
}

/**
 * A stored due date as the field shows it, dd/mm/yyyy (read back by
 * parseDueDate). Anything else is shown as it is, so a bad stored value can
 * be seen and corrected rather than hidden.
 */
export function formatDueDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}
