import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { conflict } from '../errors';
import { log } from '../log';
import type { Services } from '../services';
import { refreshReviews } from './carry-over';
import { contentHash, meetingContent } from './content';
import { freezeFacts, removeHints } from './doc-edits';
import type { MeetingDocs } from './docs';
import type { Projector } from './projector';
import { factDataOf } from './state';

export interface SealResult {
  hash: string;
  approvedAt: string;
}

/**
 * Seals approved minutes. Order matters: the document is locked first, so no
 * update can slip in between hashing and storing; then it is projected one
 * last time, hashed and stored as the named version "approved" together with
 * the meeting's new state, in one transaction; only then are live
 * connections turned read-only. If storing fails the lock is lifted again.
 */
export async function sealMeeting(
  deps: { services: Services; docs: MeetingDocs; projector: Projector; timeZone: string },
  meetingId: string,
  sealedBy: string,
): Promise<SealResult> {
  const { services, docs, projector } = deps;
  const meeting = await services.meetings.requireMeeting(meetingId);
  if (meeting.state === 'approved') throw conflict('meeting_locked');
  // Guidance for the minutes-taker is not part of the record; the facts are written out as they stand.
  const members = await services.organisations.listMembers(meeting.cell_id);
  await docs.change(meetingId, (d) => {
    removeHints(d);
    freezeFacts(d, factDataOf(meeting, members, d, deps.timeZone));
  });
  const doc = await docs.lock(meetingId);
  let result: SealResult;
  try {
    await projector.projectNow(meetingId, doc);
    const { json, hash } = contentHash(meetingContent(meeting, doc));
    const state = Y.encodeStateAsUpdate(doc);
    const approvedAt = new Date().toISOString();
    await services.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('meetings')
        .set({ state: 'approved', approved_at: approvedAt, content_hash: hash })
        .where('id', '=', meetingId)
        .where('state', '=', 'closed')
        .executeTakeFirst();
      // Someone sealed or reopened it meanwhile: do not store a second version.
      if (Number(updated.numUpdatedRows) !== 1) throw conflict('meeting_not_closed');
      await trx
        .insertInto('minutes_versions')
        .values({
          id: randomUUID(),
          meeting_id: meetingId,
          name: 'approved',
          content_hash: hash,
          content: json,
          state,
          created_by: sealedBy,
          created_at: approvedAt,
        })
        .execute();
    });
    result = { hash, approvedAt };
  } catch (error) {
    docs.unlock(meetingId);
    throw error;
  }
  log.info('meeting.sealed', { meetingId, hash: result.hash });
  await docs.revalidateDocument(meetingId);
  await refreshReviews(services.db, docs, meeting.cell_id);
  return result;
}

/**
 * Recomputes the hash of a sealed version from its stored Yjs state: the
 * check that the sealed content still is what was approved.
 */
export async function verifySealedVersion(
  services: Services,
  meetingId: string,
): Promise<{ stored: string; recomputed: string } | null> {
  const meeting = await services.meetings.getMeeting(meetingId);
  const version = await services.db
    .selectFrom('minutes_versions')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('name', '=', 'approved')
    .executeTakeFirst();
  if (!meeting || !version) return null;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, new Uint8Array(version.state));
    return { stored: version.content_hash, recomputed: contentHash(meetingContent(meeting, doc)).hash };
  } finally {
    doc.destroy();
  }
}
