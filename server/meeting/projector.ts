import { setImmediate as nextTurn } from 'node:timers/promises';
import type * as Y from 'yjs';
import type { Services } from '../services';
import { log } from '../log';
import { refreshReviews } from './carry-over';
import type { MeetingDocs } from './docs';
import { readProjection, writeProjection } from './projection';

/** Quiet time after the last change before a document is projected, and the longest it may wait. */
const PROJECTION_QUIET_MS = Number(process.env.PROJECTION_QUIET_MS ?? 2000);
const PROJECTION_MAX_WAIT_MS = Number(process.env.PROJECTION_MAX_WAIT_MS ?? 10_000);

interface PendingProjection {
  doc: Y.Doc;
  firstAt: number;
  lastAt: number;
  timer: NodeJS.Timeout;
}

/**
 * Projects live documents into rows a short while after changes settle (and
 * at the latest PROJECTION_MAX_WAIT_MS after the first unprojected change),
 * and on demand when a meeting changes state. When a meeting's tasks change,
 * the review sections of the cell's open meetings follow.
 *
 * Projections run one at a time, each in its own event-loop turn: meetings
 * that started together reach their longest wait together, and projecting
 * them all at once held up the typing in every room for a third of a second.
 */
export function createProjector(services: Services, docs: () => MeetingDocs) {
  const pending = new Map<string, PendingProjection>();
  let queue: Promise<void> = Promise.resolve();

  async function project(meetingId: string, doc: Y.Doc): Promise<void> {
    const meeting = await services.meetings.getMeeting(meetingId);
    if (!meeting) return;
    const members = await services.organisations.listMembers(meeting.cell_id);
    const projection = readProjection(doc, new Set(members.map((m) => m.userId)));
    const { tasksChanged } = await writeProjection(services.db, meeting, projection);
    if (tasksChanged) await refreshReviews(services.db, docs(), meeting.cell_id);
  }

  /** Queues a projection behind every earlier one; resolves when it is written. */
  function run(meetingId: string, doc: Y.Doc): Promise<void> {
    const next = queue.then(async () => {
      await nextTurn();
      await project(meetingId, doc).catch((error: unknown) =>
        log.error('meeting.projection_failed', { meetingId, error: String(error) }),
      );
    });
    queue = next;
    return next;
  }

  /** When a pending projection is due: after the quiet time, but no later than the longest wait. */
  function dueAt(item: PendingProjection): number {
    return Math.min(item.lastAt + PROJECTION_QUIET_MS, item.firstAt + PROJECTION_MAX_WAIT_MS);
  }

  /** A timer is armed once per pending projection and re-armed only when it finds the document still busy. */
  function arm(meetingId: string, delay: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const item = pending.get(meetingId);
      if (!item) return;
      const wait = dueAt(item) - Date.now();
      if (wait > 0) {
        item.timer = arm(meetingId, wait);
        return;
      }
      pending.delete(meetingId);
      void run(meetingId, item.doc);
    }, delay);
    timer.unref();
    return timer;
  }

  return {
    /** A document changed: project it once changes settle. Called for every update, so it only notes the time. */
    changed(meetingId: string, doc: Y.Doc): void {
      const now = Date.now();
      const item = pending.get(meetingId);
      if (item) {
        item.lastAt = now;
        item.doc = doc;
        return;
      }
      pending.set(meetingId, { doc, firstAt: now, lastAt: now, timer: arm(meetingId, PROJECTION_QUIET_MS) });
    },

    /** Projects now (state changes, sealing, unloading) and waits for it. */
    async projectNow(meetingId: string, doc: Y.Doc): Promise<void> {
      const item = pending.get(meetingId);
      if (item) {
        clearTimeout(item.timer);
        pending.delete(meetingId);
      }
      await run(meetingId, doc);
    },
  };
}

export type Projector = ReturnType<typeof createProjector>;
