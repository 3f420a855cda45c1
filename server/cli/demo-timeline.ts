import type * as Y from 'yjs';
import { meetingDoc } from '../../lib/meeting-doc/layout';

/**
 * Moves the times the live operations stamped (they record "now", and the
 * demo is recorded in a few seconds) onto the evening the meeting was held,
 * keeping their order and relative spacing: started at `evening.start`,
 * ended at `evening.end`. Returns the new start and end, which belong to the
 * meetings row (server/meeting/state.ts writes them there and mirrors them
 * back). Must run before sealing: the times are part of the sealed content.
 */
export function retime(doc: Y.Doc, evening: { start: Date; end: Date }): { startedAt: string; endedAt: string } {
  const session = meetingDoc.session(doc);
  const startedAt = session.get('startedAt') ?? '';
  const endedAt = session.get('endedAt') ?? '';
  const from = Date.parse(startedAt);
  const to = Date.parse(endedAt);
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new Error('retime needs a meeting that started and ended');
  const span = Math.max(1, to - from);
  const length = evening.end.getTime() - evening.start.getTime();
  const move = (iso: string): string => {
    const t = Math.min(Math.max(Date.parse(iso), from), to);
    const at = evening.start.getTime() + ((t - from) / span) * length;
    return new Date(Math.round(at / 1000) * 1000).toISOString();
  };

  const readBackAt = session.get('readBackAt');
  if (readBackAt) session.set('readBackAt', move(readBackAt));
  const attendance = meetingDoc.attendance(doc);
  for (const [key, entry] of Array.from(attendance.entries())) attendance.set(key, { ...entry, at: move(entry.at) });
  const speakers = meetingDoc.speakers(doc);
  for (const [key, request] of Array.from(speakers.entries()))
    speakers.set(key, { ...request, requestedAt: move(request.requestedAt) });
  const votes = meetingDoc.votes(doc);
  for (const [key, vote] of Array.from(votes.entries())) {
    votes.set(key, {
      ...vote,
      openedAt: move(vote.openedAt),
      ...(vote.closedAt ? { closedAt: move(vote.closedAt) } : {}),
    });
  }
  const ballots = meetingDoc.ballots(doc);
  for (const [key, ballot] of Array.from(ballots.entries())) ballots.set(key, { ...ballot, at: move(ballot.at) });
  return { startedAt: move(startedAt), endedAt: move(endedAt) };
}
