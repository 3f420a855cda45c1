import type { MeetingKind, MeetingState, NotHeldReason } from './domain';

/**
 * The committee's view of its cells: for each cell and month of a period,
 * whether the meeting was held and approved, how long it lasted against the
 * kind's minimum, who attended, and what the cell left overdue. Pure rules
 * over plain data: the server gathers what the reader may see, these
 * functions shape it for the page, the chart and the CSV file alike.
 */

/** A month as "YYYY-MM". */
export type MonthKey = string;

export interface OversightPeriod {
  from: MonthKey;
  to: MonthKey;
}

/** At most this many months in one view: a committee reads years one at a time. */
const MAX_PERIOD_MONTHS = 36;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const toIndex = (key: MonthKey) => {
  const [, y, m] = MONTH.exec(key)!;
  return Number(y) * 12 + Number(m) - 1;
};
const fromIndex = (index: number): MonthKey => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Every month of the period, oldest first. */
export function monthsOf(period: OversightPeriod): MonthKey[] {
  const out: MonthKey[] = [];
  for (let i = toIndex(period.from); i <= toIndex(period.to); i++) out.push(fromIndex(i));
  return out;
}

/** The twelve months that end with `today`'s month ("YYYY-MM-DD" in the organisation's time zone). */
export function defaultPeriod(today: string): OversightPeriod {
  const to = today.slice(0, 7);
  return { from: fromIndex(toIndex(to) - 11), to };
}

export type PeriodError = 'from' | 'to' | 'order' | 'length';

/**
 * Reads the period from the address: both ends as "YYYY-MM", the start not
 * after the end, at most MAX_PERIOD_MONTHS long. A missing end takes the
 * default's; a wrong one is reported, and the default period shown instead.
 */
export function parsePeriod(
  params: { from?: string | string[]; to?: string | string[] },
  today: string,
): { period: OversightPeriod; error: PeriodError | null } {
  const fallback = defaultPeriod(today);
  const read = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
  const from = read(params.from);
  const to = read(params.to);
  if (from !== undefined && !MONTH.test(from)) return { period: fallback, error: 'from' };
  if (to !== undefined && !MONTH.test(to)) return { period: fallback, error: 'to' };
  const end = to ?? (from ? fromIndex(toIndex(from) + 11) : fallback.to);
  const start = from ?? fromIndex(toIndex(end) - 11);
  if (toIndex(start) > toIndex(end)) return { period: fallback, error: 'order' };
  if (toIndex(end) - toIndex(start) + 1 > MAX_PERIOD_MONTHS) return { period: fallback, error: 'length' };
  return { period: { from: start, to: end }, error: null };
}

/** One meeting as the dashboard counts it. */
export interface OversightMeeting {
  id: string;
  title: string;
  kind: MeetingKind;
  state: MeetingState;
  /** Minutes between start and end; null when it has not ended (or never started). */
  durationMinutes: number | null;
  /** The kind's minimum (90 regular, 120 combined; 0 where none applies). */
  minimumMinutes: number;
  present: number;
  expected: number;
  absentWithoutReason: number;
  notHeld: { reason: NotHeldReason; note: string } | null;
}

export interface OversightCell {
  cellId: string;
  cellName: string;
  /** Probationary members of the cell now. */
  probationary: number;
  /** The cell's unfinished tasks past their due date, among those the reader may see. */
  overdueTasks: number;
  /** The meetings of each month of the period, keyed "YYYY-MM". */
  months: Record<MonthKey, OversightMeeting[]>;
}

/** Whether a meeting took place: it started (closed or approved; one in progress counts too). */
export const wasHeld = (m: OversightMeeting) =>
  m.state === 'in_progress' || m.state === 'closed' || m.state === 'approved';

/** Shorter than its kind's minimum. */
export const wasShort = (m: OversightMeeting) =>
  m.durationMinutes !== null && m.minimumMinutes > 0 && m.durationMinutes < m.minimumMinutes;

/** present ÷ expected of the held meetings, 0–1; null when nobody was expected. */
export function attendanceRate(meetings: readonly OversightMeeting[]): number | null {
  const held = meetings.filter(wasHeld);
  const expected = held.reduce((sum, m) => sum + m.expected, 0);
  if (expected === 0) return null;
  return held.reduce((sum, m) => sum + Math.min(m.present, m.expected), 0) / expected;
}

/** Per month across the cells: how many cells held a meeting, and the attendance of the held meetings. */
export function monthlyTotals(
  cells: readonly OversightCell[],
  months: readonly MonthKey[],
): { month: MonthKey; cellsMet: number; cells: number; attendanceRate: number | null }[] {
  return months.map((month) => {
    const meetings = cells.flatMap((c) => c.months[month] ?? []);
    return {
      month,
      cellsMet: cells.filter((c) => (c.months[month] ?? []).some(wasHeld)).length,
      cells: cells.length,
      attendanceRate: attendanceRate(meetings),
    };
  });
}

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading formula character neutralised. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A spreadsheet would run "=…" as a formula: the data is text, so it stays text.
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Column headings and labels, in the reader's language. */
export interface CsvLabels {
  headings: readonly string[];
  kind: (kind: MeetingKind) => string;
  state: (state: MeetingState) => string;
  notHeld: (reason: NotHeldReason) => string;
  none: string;
}

/**
 * The dashboard as a CSV file: one line per cell, month and meeting (a
 * month without any meeting gets a line saying so), with the same figures
 * as the page. UTF-8 with a byte-order mark, so spreadsheet programs read
 * Vietnamese letters right.
 */
export function oversightCsv(cells: readonly OversightCell[], months: readonly MonthKey[], labels: CsvLabels): string {
  const lines = [labels.headings.map(csvField).join(',')];
  for (const cell of cells) {
    for (const month of months) {
      const meetings = cell.months[month] ?? [];
      const base = [cell.cellName, month];
      const tail = [cell.probationary, cell.overdueTasks];
      if (meetings.length === 0) {
        lines.push([...base, '', '', labels.none, '', '', '', '', '', '', '', ...tail].map(csvField).join(','));
        continue;
      }
      for (const m of meetings) {
        const rate = m.expected > 0 ? Math.round((Math.min(m.present, m.expected) / m.expected) * 1000) / 10 : null;
        lines.push(
          [
            ...base,
            m.title,
            labels.kind(m.kind),
            labels.state(m.state),
            m.durationMinutes,
            m.minimumMinutes || null,
            wasHeld(m) ? m.present : null,
            wasHeld(m) ? m.expected : null,
            wasHeld(m) ? rate : null,
            wasHeld(m) ? m.absentWithoutReason : null,
            m.notHeld ? `${labels.notHeld(m.notHeld.reason)}: ${m.notHeld.note}` : null,
            ...tail,
          ]
            .map(csvField)
            .join(','),
        );
      }
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
