import {
  MEETING_CLASSIFICATIONS,
  MEETING_KINDS,
  MEETING_STATES,
  type MeetingClassification,
  type MeetingKind,
  type MeetingState,
  type NotHeldReason,
} from './domain';

/**
 * The archive: every meeting a reader may see across the cells they belong
 * to or oversee, by year and month, narrowed by cell, year, kind, state and
 * classification. The filters come from the address (a GET form), so a
 * filtered list can be bookmarked and sent to a colleague.
 */

export interface ArchiveFilters {
  cellId?: string;
  year?: number;
  kind?: MeetingKind;
  state?: MeetingState;
  classification?: MeetingClassification;
}

/** One meeting as the archive lists it. */
export interface ArchiveEntry {
  id: string;
  title: string;
  kind: MeetingKind;
  state: MeetingState;
  classification: MeetingClassification;
  /** The local date and time it was called for ("2026-12-05T19:30"). */
  startsAt: string;
  place: string;
  cellId: string;
  cellName: string;
  committeeName: string | null;
  /** When the minutes were approved and sealed, and the seal's hash; null before. */
  approvedAt: string | null;
  contentHash: string | null;
  /** A meeting that did not take place: postponed or cancelled, and why. */
  notHeld: { reason: NotHeldReason; note: string } | null;
}

export interface ArchiveMonth {
  /** 1–12. */
  month: number;
  entries: ArchiveEntry[];
}

export interface ArchiveYear {
  year: number;
  months: ArchiveMonth[];
}

type Params = Record<string, string | string[] | undefined>;

/** Which filter of the address could not be read, for a message naming it. */
export type ArchiveFilterError = keyof ArchiveFilters;

const ID = /^[0-9a-f-]{36}$/i;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

function oneOf<T extends string>(choices: readonly T[], value: string | undefined): T | undefined | null {
  if (value === undefined) return undefined;
  return (choices as readonly string[]).includes(value) ? (value as T) : null;
}

/**
 * Reads the filters from the address. An empty field means "any"; a value
 * that is not one of the choices is reported rather than silently ignored,
 * so the reader never takes an unfiltered list for a filtered one.
 */
export function parseArchiveFilters(params: Params): { filters: ArchiveFilters; errors: ArchiveFilterError[] } {
  const filters: ArchiveFilters = {};
  const errors: ArchiveFilterError[] = [];
  const cell = first(params.cell);
  if (cell !== undefined) {
    if (ID.test(cell)) filters.cellId = cell;
    else errors.push('cellId');
  }
  const year = first(params.year);
  if (year !== undefined) {
    const n = Number(year);
    if (/^\d{4}$/.test(year) && n >= 1930 && n <= 2999) filters.year = n;
    else errors.push('year');
  }
  const choices = [
    ['kind', MEETING_KINDS],
    ['state', MEETING_STATES],
    ['classification', MEETING_CLASSIFICATIONS],
  ] as const;
  for (const [key, values] of choices) {
    const value = oneOf<string>(values, first(params[key]));
    if (value === null) errors.push(key);
    else if (value !== undefined) (filters as Record<string, string>)[key] = value;
  }
  return { filters, errors };
}

/** Whether an entry passes the filters. */
export function matchesArchiveFilters(entry: ArchiveEntry, filters: ArchiveFilters): boolean {
  return (
    (filters.cellId === undefined || entry.cellId === filters.cellId) &&
    (filters.year === undefined || yearOf(entry) === filters.year) &&
    (filters.kind === undefined || entry.kind === filters.kind) &&
    (filters.state === undefined || entry.state === filters.state) &&
    (filters.classification === undefined || entry.classification === filters.classification)
  );
}

const yearOf = (entry: ArchiveEntry) => Number(entry.startsAt.slice(0, 4));
const monthOf = (entry: ArchiveEntry) => Number(entry.startsAt.slice(5, 7));

/** Latest year first, latest month first, and within a month the latest meeting first, then by cell. */
export function groupByYearAndMonth(entries: readonly ArchiveEntry[]): ArchiveYear[] {
  const sorted = [...entries].sort(
    (a, b) => b.startsAt.localeCompare(a.startsAt) || a.cellName.localeCompare(b.cellName, 'vi'),
  );
  const years: ArchiveYear[] = [];
  for (const entry of sorted) {
    const year = yearOf(entry);
    const month = monthOf(entry);
    let y = years.at(-1);
    if (y?.year !== year) years.push((y = { year, months: [] }));
    let m = y.months.at(-1);
    if (m?.month !== month) y.months.push((m = { month, entries: [] }));
    m.entries.push(entry);
  }
  return years;
}

/** The years the reader can choose from: those with meetings, latest first. */
export function archiveYears(entries: readonly ArchiveEntry[]): number[] {
  return [...new Set(entries.map(yearOf))].sort((a, b) => b - a);
}
