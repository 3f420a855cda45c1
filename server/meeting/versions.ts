import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { isSettled } from '../../lib/domain';
import { canReadVersions } from '../../lib/policy';
import { compareLines, type LineComparison } from '../../lib/minutes/version-diff';
import { CURRENT_VERSION, isVersionName, type VersionName } from '../../lib/minutes/versions';
import type { Meeting } from '../db/schema';
import { forbidden, notFound } from '../errors';
import { buildMinutesDocument, type RecordContent } from '../export/minutes-document';
import { textOfRuns } from '../export/inline';
import type { MinutesDocument } from '../export/model';
import type { Services } from '../services';
import type { SessionUser } from '../services/accounts';
import type { MemberRow } from '../services/organisations';
import { contentHash, meetingContent } from './content';
import { meetingContext } from './context';
import { freezeFacts } from './doc-edits';
import type { MeetingDocs } from './docs';
import { factDataOf } from './state';

/** A stored version as lists show it. */
export interface VersionSummary {
  id: string;
  name: VersionName;
  label: string | null;
  hash: string;
  createdAt: string;
  createdByName: string | null;
}

/** One side of a comparison: a stored version, or the minutes as they stand. */
export type ComparedSide = VersionSummary | { id: typeof CURRENT_VERSION };

/**
 * The record of the minutes at this moment, as a version keeps it: the
 * canonical content with every fact written out as it reads now (so the
 * version says who chaired and how many attended even after that changes,
 * as the sealed one does), its hash, and the live document's Yjs state.
 */
function snapshot(meeting: Meeting, members: readonly MemberRow[], doc: Y.Doc, timeZone: string) {
  const state = Y.encodeStateAsUpdate(doc);
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, state);
    freezeFacts(copy, factDataOf(meeting, members, doc, timeZone));
    const { json, hash } = contentHash(meetingContent(meeting, copy));
    return { json, hash, state };
  } finally {
    copy.destroy();
  }
}

/**
 * Takes a named version of a meeting's minutes (start, end, or one saved by
 * hand; the approved one is taken by sealing, in the seal's transaction).
 */
export async function takeVersion(
  deps: { services: Services; docs: MeetingDocs; timeZone: string },
  meeting: Meeting,
  name: Exclude<VersionName, 'approved'>,
  by: string,
  label: string | null = null,
): Promise<VersionSummary> {
  const members = await deps.services.organisations.listMembers(meeting.cell_id);
  const taken = await deps.docs.read(meeting.id, (doc) => snapshot(meeting, members, doc, deps.timeZone));
  const row = {
    id: randomUUID(),
    meeting_id: meeting.id,
    name,
    label,
    content_hash: taken.hash,
    content: taken.json,
    state: taken.state,
    created_by: by,
    created_at: new Date().toISOString(),
  };
  await deps.services.db.insertInto('minutes_versions').values(row).execute();
  return {
    id: row.id,
    name,
    label,
    hash: row.content_hash,
    createdAt: row.created_at,
    createdByName: members.find((m) => m.userId === by)?.name ?? null,
  };
}

/**
 * The lines of a version as the formal document prints them: header, title,
 * body (votes, attendance and tasks written out), signatures. The seal's
 * line is left out, so the approved version compares on its words alone.
 */
function documentLines(model: MinutesDocument): string[] {
  const lines = [
    ...(model.header ? [...model.header.left, ...model.header.right] : []),
    ...model.title,
    ...model.body,
    ...model.signatures.flatMap((s) => [...s.titles, { runs: [{ text: s.name ?? '' }] }]),
  ];
  return lines.map((line) => textOfRuns(line.runs).trim()).filter((text) => text.length > 0);
}

/** Reading versions: the list of a meeting's versions and the comparison of any two. */
export function createVersions(services: Services, docs: MeetingDocs, timeZone: string) {
  const db = services.db;

  async function contextFor(user: SessionUser, meetingId: string) {
    const ctx = await meetingContext(services, meetingId, user);
    if (!canReadVersions(ctx.subject, ctx.resource)) throw forbidden();
    return ctx;
  }

  async function summaries(meetingId: string): Promise<VersionSummary[]> {
    const rows = await db
      .selectFrom('minutes_versions as v')
      .leftJoin('users as u', 'u.id', 'v.created_by')
      .select(['v.id', 'v.name', 'v.label', 'v.content_hash', 'v.created_at', 'u.name as createdByName'])
      .where('v.meeting_id', '=', meetingId)
      .orderBy('v.created_at')
      .orderBy('v.id')
      .execute();
    return rows
      .filter((r) => isVersionName(r.name))
      .map((r) => ({
        id: r.id,
        name: r.name as VersionName,
        label: r.label,
        hash: r.content_hash,
        createdAt: r.created_at,
        createdByName: r.createdByName ?? null,
      }));
  }

  /** The lines a side of the comparison prints: a stored version's content, or the live minutes now. */
  async function linesOf(meeting: Meeting, members: readonly MemberRow[], side: string): Promise<string[]> {
    let content: RecordContent;
    if (side === CURRENT_VERSION) {
      const taken = await docs.read(meeting.id, (doc) => snapshot(meeting, members, doc, timeZone));
      content = JSON.parse(taken.json) as RecordContent;
    } else {
      const row = await db
        .selectFrom('minutes_versions')
        .select('content')
        .where('id', '=', side)
        .where('meeting_id', '=', meeting.id)
        .executeTakeFirst();
      if (!row) throw notFound('version_not_found');
      content = JSON.parse(row.content) as RecordContent;
    }
    return documentLines(
      buildMinutesDocument({
        meeting,
        content,
        members,
        chairId: meeting.chair_id,
        secretaryId: meeting.secretary_id,
        facts: null,
        seal: null,
        timeZone,
        verifyUrl: '',
      }),
    );
  }

  return {
    /**
     * A meeting's versions, oldest first, for a user the policy lets read
     * them; whether they may save one; whether the minutes are still being
     * written (then "now" is a side that can be compared).
     */
    async history(user: SessionUser, meetingId: string) {
      const ctx = await contextFor(user, meetingId);
      return {
        meeting: ctx.meeting,
        versions: await summaries(meetingId),
        canSave: ctx.permissions.record,
        live: !isSettled(ctx.meeting.state),
      };
    },

    /**
     * Compares two sides: stored versions of this meeting, or "current" (the
     * live minutes) while they are still being written. A version of another
     * meeting is not found here.
     */
    async compare(user: SessionUser, meetingId: string, from: string, to: string): Promise<LineComparison> {
      const ctx = await contextFor(user, meetingId);
      if (isSettled(ctx.meeting.state) && (from === CURRENT_VERSION || to === CURRENT_VERSION))
        throw notFound('version_not_found');
      const before = await linesOf(ctx.meeting, ctx.members, from);
      const after = await linesOf(ctx.meeting, ctx.members, to);
      return compareLines(before, after);
    },
  };
}

export type Versions = ReturnType<typeof createVersions>;
