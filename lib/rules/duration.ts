import type { MeetingKind } from '../domain';

/**
 * Minimum meeting length in minutes per kind: 90 for a regular meeting, 120
 * when a thematic meeting is held with it. Other kinds have none by default.
 */
export const MINIMUM_MINUTES: Readonly<Record<MeetingKind, number>> = {
  regular: 90,
  combined: 120,
  thematic: 0,
  committee: 0,
  extraordinary: 0,
  generic: 0,
};

export interface DurationCheck {
  elapsedMinutes: number;
  minimumMinutes: number;
  /** Minutes still missing; 0 when the minimum is met. */
  shortBy: number;
  met: boolean;
}

/** Elapsed time between two instants against the kind's minimum. */
export function checkDuration(kind: MeetingKind, startedAt: string, endedAt: string | Date): DurationCheck {
  const end = typeof endedAt === 'string' ? Date.parse(endedAt) : endedAt.getTime();
  const elapsedMinutes = Math.max(0, Math.floor((end - Date.parse(startedAt)) / 60_000));
  const minimumMinutes = MINIMUM_MINUTES[kind];
  const shortBy = Math.max(0, minimumMinutes - elapsedMinutes);
  return { elapsedMinutes, minimumMinutes, shortBy, met: shortBy === 0 };
}
