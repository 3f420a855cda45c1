import type { NotHeldReason } from '../../lib/domain';
import { wallTimeToInstant } from '../../lib/format';
import type { DemoCell } from './demo-cells';

/** A meeting of the demo's year, as the calendar has it. */
export interface PlannedMeeting {
  kind: 'regular' | 'thematic';
  /** Months before the seed's month: -12 … -1. */
  offset: number;
  year: number;
  month: number;
  day: number;
  /** As the meeting form writes it: local "YYYY-MM-DDTHH:mm". */
  startsAt: string;
  start: Date;
  end: Date;
  /** Set when the meeting did not take place; it is recorded as such instead of held. */
  notHeld?: { reason: NotHeldReason; note: string };
}

/** Months of the demo's year: the twelve before the seed's month (which, like the demo always had, has none). */
const DEMO_YEAR_MONTHS = 12;

/**
 * Meetings that were not the usual length, by cell index and month offset:
 * two regular meetings ran short of the 90-minute minimum, which the
 * committee's dashboard should point out.
 */
const LENGTHS: Readonly<Record<string, number>> = { '1:-9': 80, '0:-6': 85 };

/** The one month of the year a cell did not meet. */
const NOT_HELD: Readonly<Record<string, { reason: NotHeldReason; note: string }>> = {
  '2:-8': {
    reason: 'postponed',
    note: 'Mưa lớn kéo dài, nhiều tuyến hẻm trong khu phố ngập sâu; chi bộ hoãn sinh hoạt, nội dung tháng này ghép vào buổi sinh hoạt tháng sau.',
  },
};

/**
 * A small deterministic generator (mulberry32): the same seed gives the same
 * demo on every installation, so screenshots and tests can rely on it.
 */
export function demoRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The instant a demo meeting's local time stands for in the organisation's
 * time zone, not the machine's: a server in UTC must still hold a 19:30
 * meeting at 19:30 in Hà Nội.
 */
function at(timeZone: string, year: number, month: number, day: number, time: string, plusMinutes = 0): Date {
  const wall = `${year}-${pad(month)}-${pad(day)}T${time}`;
  const instant = wallTimeToInstant(wall, timeZone);
  if (!instant) throw new Error(`not a local time: ${wall}`);
  return new Date(instant.getTime() + plusMinutes * 60_000);
}

/**
 * The calendar of one cell's year, oldest first: a regular meeting every
 * month and a thematic one in the last month of each quarter, with lengths
 * that vary from evening to evening. `mainLastLength` fixes the length of
 * the main cell's last meeting, whose record is written by hand.
 */
export function planYear(
  now: Date,
  cellIndex: number,
  cell: DemoCell,
  mainLastLength: number,
  timeZone: string,
): PlannedMeeting[] {
  const random = demoRandom(0x5eed + cellIndex);
  const plan: PlannedMeeting[] = [];
  for (let offset = -DEMO_YEAR_MONTHS; offset <= -1; offset++) {
    const first = new Date(now.getFullYear(), now.getMonth() + offset, 1);
    const year = first.getFullYear();
    const month = first.getMonth() + 1;
    const key = `${cellIndex}:${offset}`;
    // Drawn for every month, used or not, so one exception does not reshuffle the others.
    const regularLength = 95 + 5 * Math.floor(random() * 8);
    const thematicLength = 100 + 10 * Math.floor(random() * 5);
    const length = cellIndex === 0 && offset === -1 ? mainLastLength : (LENGTHS[key] ?? regularLength);
    const notHeld = NOT_HELD[key];
    plan.push({
      kind: 'regular',
      offset,
      year,
      month,
      day: cell.meetingDay,
      startsAt: `${year}-${pad(month)}-${pad(cell.meetingDay)}T${cell.meetingTime}`,
      start: at(timeZone, year, month, cell.meetingDay, cell.meetingTime),
      end: at(timeZone, year, month, cell.meetingDay, cell.meetingTime, length),
      ...(notHeld ? { notHeld } : {}),
    });
    if (month % 3 === 0) {
      plan.push({
        kind: 'thematic',
        offset,
        year,
        month,
        day: cell.thematicDay,
        startsAt: `${year}-${pad(month)}-${pad(cell.thematicDay)}T${cell.thematicTime}`,
        start: at(timeZone, year, month, cell.thematicDay, cell.thematicTime),
        end: at(timeZone, year, month, cell.thematicDay, cell.thematicTime, thematicLength),
      });
    }
  }
  return plan;
}
