/**
 * Named versions of the minutes. The server takes one when the meeting
 * starts, one when it ends and the sealed one at approval; the minutes-taker
 * saves others by hand under a label. Any two can be compared.
 */
const VERSION_NAMES = ['start', 'end', 'approved', 'manual'] as const;
export type VersionName = (typeof VERSION_NAMES)[number];

export const isVersionName = (value: string): value is VersionName =>
  (VERSION_NAMES as readonly string[]).includes(value);

/** Compares with the minutes as they stand now (not a stored version); only while they are still written. */
export const CURRENT_VERSION = 'current';

export const versionsPath = (meetingId: string, from?: string, to?: string) =>
  `/meetings/${meetingId}/versions` + (from && to ? `?from=${from}&to=${to}` : '');
