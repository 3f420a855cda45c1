/**
 * The parts of the meeting page. On a phone they are tabs, one on screen at
 * a time; on a wide screen they are all in view side by side. Which one a
 * person sees first depends on what they do now: the chair runs the meeting
 * ("now": the item under discussion, who waits to speak, the open vote), the
 * minutes-taker writes the minutes, a member follows and takes part.
 */
export const MEETING_TABS = ['now', 'minutes', 'attendance', 'closing', 'preparation'] as const;
export type MeetingTab = (typeof MEETING_TABS)[number];

export interface TabSituation {
  started: boolean;
  ended: boolean;
  locked: boolean;
  /** Runs the meeting: gives the floor, opens and closes votes. */
  chair: boolean;
  /** Keeps the minutes and the roll call. */
  record: boolean;
}

/** The tab a person needs first, given where the meeting stands and their part in it. */
export function firstTab(s: TabSituation): MeetingTab {
  if (s.locked) return 'minutes';
  if (!s.started) return 'preparation';
  if (s.ended) return s.chair || s.record ? 'closing' : 'minutes';
  if (s.chair) return 'now';
  if (s.record) return 'minutes';
  return 'now';
}

/**
 * From this width every part is in view side by side and the bar of tabs is
 * gone; below it, only the active tab's part shows. The same breakpoint as
 * app/globals.css (`min-width: 68em` / `max-width: 67.99em`), which draws it.
 */
export const WIDE_LAYOUT_QUERY = '(min-width: 68em)';
