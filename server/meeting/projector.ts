import type * as Y from 'yjs';
import type { Services } from '../services';
import { log } from '../log';
import { refreshReviews } from './carry-over';
import type { MeetingDocs } from './docs';
import { readProjection, writeProjection } from './projection';

/** Quiet time after the last change before a document is projected, and the longest it may wait. */
export const PROJECTION_QUIET_MS = Number(process.env.PROJECTION_QUIET_MS ?? 2000);
export const PROJECTION_MAX_WAIT_MS = Number(process.env.PROJECTION_MAX_WAIT_MS ?? 10_000);

/**
 * Projects live documents into rows a short while after changes settle (and
 * at the latest PROJECTION_MAX_WAIT_MS after the first unprojected change),
 * and on demand when a meeting changes state. When a meeting's tasks change,
 * the review sections of the cell's open meetings follow.
 */
export function createProjector(services: Services, docs: () => MeetingDocs) {
  const pending = new Map<string, { doc: Y.Doc; quiet: NodeJS.Timeout; firstAt: number }>();
  const lastTasks = new Map<string, string>();
  const running = new Map<string, Promise<void>>();

  async function project(meetingId: string, doc: Y.Doc): Promise<void> {
    const meeting = await services.meetings.getMeeting(meetingId);
    if (!meeting) return;
    const members = await services.organisations.listMembers(meeting.cell_id);
    const projection = readProjection(doc, new Set(members.map((m) => m.userId)));
    await writeProjection(services.db, meeting, projection);
    const tasksKey = JSON.stringify(projection.tasks);
    if (lastTasks.get(meetingId) !== tasksKey) {
      lastTasks.set(meetingId, tasksKey);
      await refreshReviews(services.db, docs(), meeting.cell_id);
    }
  }

  /** Runs one projection at a time per meeting, in order. */
  function run(meetingId: string, doc: Y.Doc): Promise<void> {
    const previous = running.get(meetingId) ?? Promise.resolve();
    const next = previous
      .then(() => project(meetingId, doc))
      .catch((error: unknown) => log.error('meeting.projection_failed', { meetingId, error: String(error) }));
    running.set(meetingId, next);
    void next.then(() => {
      if (running.get(meetingId) === next) running.delete(meetingId);
    });
    return next;
  }

  function fire(meetingId: string): void {
    const item = pending.get(meetingId);
    if (!item) return;
    clearTimeout(item.quiet);
    pending.delete(meetingId);
    void run(meetingId, item.doc);
  }

  return {
    /** A document changed: project it once changes settle. */
    changed(meetingId: string, doc: Y.Doc): void {
      const item = pending.get(meetingId);
      const now = Date.now();
      if (item) clearTimeout(item.quiet);
      const firstAt = item?.firstAt ?? now;
      const wait = Math.max(0, Math.min(PROJECTION_QUIET_MS, firstAt + PROJECTION_MAX_WAIT_MS - now));
      const quiet = setTimeout(() => fire(meetingId), wait);
      quiet.unref();
      pending.set(meetingId, { doc, quiet, firstAt });
    },

    /** Projects now (state changes, sealing, unloading) and waits for it. */
    async projectNow(meetingId: string, doc: Y.Doc): Promise<void> {
      const item = pending.get(meetingId);
      if (item) {
        clearTimeout(item.quiet);
        pending.delete(meetingId);
      }
      await run(meetingId, doc);
    },
  };
}

export type Projector = ReturnType<typeof createProjector>;
