import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type * as Y from 'yjs';
import type { Services } from '../services';
import { log } from '../log';
import { refreshReviews } from './carry-over';
import type { MeetingDocs } from './docs';
import { BlockReader, readProjection, writeProjection } from './projection';

/** Quiet time after the last change before a document is projected, and the longest it may wait. */
const PROJECTION_QUIET_MS = Number(process.env.PROJECTION_QUIET_MS ?? 2000);
const PROJECTION_MAX_WAIT_MS = Number(process.env.PROJECTION_MAX_WAIT_MS ?? 10_000);
/**
 * The minutes' text (and its search index, which takes it whole) is written
 * again at most once per this many ms per 1,000 characters, and never more
 * often than PROJECTION_MAX_WAIT_MS: the cost of writing it grows with the
 * minutes, and so does the time between two writes, which keeps what one
 * keystroke costs the same however long the minutes are. Minutes of 40,000
 * characters are written as often as before (every PROJECTION_MAX_WAIT_MS
 * while someone types), 400,000 characters every 100 s, counting from the
 * load for the first time (unloading wrote it). Changing the meeting's
 * state, sealing and unloading write it at once.
 */
export const PROJECTION_TEXT_MS_PER_1000_CHARS = Number(process.env.PROJECTION_TEXT_MS_PER_1000_CHARS ?? 250);

/** How long after the text was last written it may be written again. */
export const textWaitMs = (chars: number) =>
  Math.max(PROJECTION_MAX_WAIT_MS, (chars / 1000) * PROJECTION_TEXT_MS_PER_1000_CHARS);

/**
 * Minutes longer than this are read block by block, keeping what unchanged
 * blocks read as (BlockReader) for the next projection. Shorter ones are
 * cheaper to read whole than to keep: a loaded idle meeting holds no copy.
 */
const KEEP_BLOCKS_FROM_CHARS = 20_000;

/** What the projector keeps of a live document: the text it last wrote and when, its block reader once it is long. */
interface LiveDocument {
  reader: BlockReader | undefined;
  /** A digest of the text last written, not the text: every loaded meeting would hold a copy of its minutes. */
  written: { digest: string; at: number };
}

const digestOf = (text: string, agenda: string) =>
  createHash('sha1').update(text).update('\u0000').update(agenda).digest('base64');

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
  // Keyed by the document: an unloaded one takes its entry with it.
  const live = new WeakMap<Y.Doc, LiveDocument>();
  let queue: Promise<void> = Promise.resolve();

  async function project(meetingId: string, doc: Y.Doc, now: boolean): Promise<void> {
    const meeting = await services.meetings.getMeeting(meetingId);
    if (!meeting) return;
    const members = await services.organisations.listMembers(meeting.cell_id);
    let state = live.get(doc);
    if (!state) {
      // The first projection since the document was loaded: its text was written when it was last
      // unloaded, so long minutes wait as if it had been written a PROJECTION_MAX_WAIT_MS ago.
      state = { reader: undefined, written: { digest: '', at: Date.now() - PROJECTION_MAX_WAIT_MS } };
      live.set(doc, state);
    }
    const projection = readProjection(doc, new Set(members.map((m) => m.userId)), state.reader);
    const { written } = state;
    const digest = digestOf(projection.text, projection.agenda);
    const changed = written.digest !== digest;
    const textDueAt = written.at + textWaitMs(projection.text.length + projection.agenda.length);
    const writeText = changed && (now || Date.now() >= textDueAt);
    const { tasksChanged } = await writeProjection(services.db, meeting, projection, { text: writeText });
    if (writeText) state.written = { digest, at: Date.now() };
    else if (changed) later(meetingId, doc, textDueAt);
    state.reader ??= projection.text.length >= KEEP_BLOCKS_FROM_CHARS ? new BlockReader(doc) : undefined;
    if (tasksChanged) await refreshReviews(services.db, docs(), meeting.cell_id);
  }

  /** Queues a projection behind every earlier one; resolves when it is written. */
  function run(meetingId: string, doc: Y.Doc, now = false): Promise<void> {
    const next = queue.then(async () => {
      await nextTurn();
      await project(meetingId, doc, now).catch((error: unknown) =>
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
      if (item.doc.isDestroyed) {
        pending.delete(meetingId);
        return;
      }
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

  /** Makes sure a projection is due by `at` (the text left out of the last one, written then). */
  function later(meetingId: string, doc: Y.Doc, at: number): void {
    // An unloaded document had its text written when it was unloaded.
    if (pending.has(meetingId) || doc.isDestroyed) return;
    const now = Date.now();
    // Due at `at`: dueAt() is the earlier of lastAt + the quiet time and firstAt + the longest wait.
    const item = { doc, firstAt: at - PROJECTION_MAX_WAIT_MS, lastAt: at - PROJECTION_QUIET_MS };
    pending.set(meetingId, { ...item, timer: arm(meetingId, Math.max(0, at - now)) });
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
      await run(meetingId, doc, true);
    },
  };
}

export type Projector = ReturnType<typeof createProjector>;
