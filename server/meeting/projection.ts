import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../../lib/rules/attendance';
import { TASK_STATUSES, type TaskStatus } from '../../lib/rules/tasks';
import { dueDateSchema } from '../../lib/meeting-schemas';
import type { Db } from '../db/connection';
import type { Meeting } from '../db/schema';
import { log } from '../log';
import { indexMeeting } from '../search/service';
import { fragmentJson, plainTextOf } from './content';

// Yjs types are generic over their event type; here only their place in the tree matters.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

type JsonNode = { type?: string; text?: string; attrs?: Record<string, unknown>; content?: JsonNode[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isString = (v: unknown): v is string => typeof v === 'string';

export interface ProjectedTask {
  id: string;
  body: string;
  dueDate: string | null;
  status: TaskStatus;
  assignees: string[];
  position: number;
}

export interface Projection {
  attendance: { userId: string; status: AttendanceStatus; reason: string | null; at: string }[];
  opinions: {
    id: string;
    speakerId: string | null;
    speakerName: string;
    sectionId: string | null;
    body: string;
    position: number;
  }[];
  tasks: ProjectedTask[];
  votes: ReturnType<typeof projectVotes>;
  /** The minutes as plain text (opinions, tasks and conclusions included). */
  text: string;
  /** The agenda as plain text. */
  agenda: string;
  /** Things a buggy or hostile client put in the document that were left out, for the log. */
  refused: string[];
}

function projectVotes(doc: Y.Doc) {
  return Array.from(meetingDoc.votes(doc).values())
    .filter((v) => v && isString(v.id) && UUID.test(v.id) && isString(v.title))
    .map((v) => ({
      id: v.id,
      subject: String(v.subject),
      title: v.title,
      method: String(v.method),
      state: v.state === 'closed' ? ('closed' as const) : ('open' as const),
      counts: v.counts ?? null,
      otherOpinions: isString(v.otherOpinions) ? v.otherOpinions : null,
      present: typeof v.present === 'number' ? v.present : null,
      base: typeof v.base === 'number' ? v.base : null,
      percentTenths: typeof v.percent === 'number' ? Math.round(v.percent * 10) : null,
      passed: typeof v.passed === 'boolean' ? (v.passed ? 1 : 0) : null,
      rule: v.rule ?? null,
      openedAt: isString(v.openedAt) ? v.openedAt : new Date(0).toISOString(),
      closedAt: isString(v.closedAt) ? v.closedAt : null,
    }));
}

/**
 * A top-level block of the minutes or the agenda as the projection needs it:
 * its plain text, how many nodes it has, and its ProseMirror JSON only when
 * it holds a heading, an opinion or a task (the walk needs nothing else).
 */
export interface ReadBlock {
  json: JsonNode | null;
  nodes: number;
  text: string;
}

const RECORD_NODES = new Set(['heading', 'opinion', 'task']);

function countNodes(node: JsonNode): { nodes: number; records: boolean } {
  let nodes = 1;
  let records = RECORD_NODES.has(node.type ?? '');
  for (const child of node.content ?? []) {
    const inner = countNodes(child);
    nodes += inner.nodes;
    records ||= inner.records;
  }
  return { nodes, records };
}

function readBlock(json: JsonNode): ReadBlock {
  // y-tiptap reads a text directly under the fragment as an array of text nodes; it counts as one node.
  if (Array.isArray(json)) return { json, nodes: 1, text: plainTextOf(json) };
  const { nodes, records } = countNodes(json);
  return { json: records ? json : null, nodes, text: plainTextOf(json) };
}

/** The text of a fragment's blocks, as plainTextOf reads the fragment's JSON. */
function joinText(blocks: readonly ReadBlock[], types: readonly (string | undefined)[]): string {
  const inline = types.every((type) => type === 'text' || type === 'hardBreak');
  return blocks.map((b) => b.text).join(inline ? '' : '\n');
}

/**
 * What a live document's blocks read as, kept from one projection to the
 * next: only the blocks changed since are read again. Reading every block of
 * long minutes after each pause made a keystroke cost more the longer the
 * minutes were. A block is forgotten in the transaction that changes anything
 * in it (its text, its attributes, anything nested), whoever changed it.
 */
export class BlockReader {
  private readonly blocks = new WeakMap<AnyType, ReadBlock & { type: string | undefined }>();
  private readonly fragments: readonly Y.XmlFragment[];

  constructor(doc: Y.Doc) {
    this.fragments = [meetingDoc.minutes(doc), meetingDoc.agenda(doc)];
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) this.forget(type as AnyType);
    });
  }

  /** Forgets the top-level block that holds `type`, if it is in one of the fragments. */
  private forget(type: AnyType): void {
    let t = type;
    for (;;) {
      const item = t._item;
      if (!item) return;
      const parent = item.parent as AnyType;
      if (this.fragments.includes(parent as Y.XmlFragment)) {
        this.blocks.delete(t);
        return;
      }
      t = parent;
    }
  }

  /** A fragment's blocks and its plain text (as plainTextOf reads fragmentJson's). */
  read(fragment: Y.XmlFragment): { blocks: ReadBlock[]; text: string } {
    const blocks: ReadBlock[] = [];
    const types: (string | undefined)[] = [];
    for (const block of fragment.toArray() as AnyType[]) {
      let read = this.blocks.get(block);
      if (!read) {
        // The same serializer as for the whole fragment, over this one block.
        const one = { toArray: () => [block] } as unknown as Y.XmlFragment;
        const json = yXmlFragmentToProsemirrorJSON(one).content![0] as JsonNode;
        read = { ...readBlock(json), type: json.type };
        this.blocks.set(block, read);
      }
      blocks.push(read);
      types.push(read.type);
    }
    return { blocks, text: joinText(blocks, types) };
  }
}

/**
 * Reads the structured record out of a meeting's document. Tolerant by
 * design: a node or record in a strange shape is skipped (and reported), never
 * fatal; unknown node types are ignored. With a `reader` kept for the
 * document, only the blocks changed since its last read are read again.
 */
export function readProjection(doc: Y.Doc, memberIds: ReadonlySet<string>, reader?: BlockReader): Projection {
  const refused: string[] = [];
  const attendance: Projection['attendance'] = [];
  for (const [userId, entry] of meetingDoc.attendance(doc).entries()) {
    if (!memberIds.has(userId) || !entry || !ATTENDANCE_STATUSES.includes(entry.status)) {
      refused.push(`attendance:${userId}`);
      continue;
    }
    attendance.push({
      userId,
      status: entry.status,
      reason: isString(entry.reason) ? entry.reason : null,
      at: String(entry.at ?? ''),
    });
  }

  let minutes: { blocks: ReadBlock[]; text: string };
  if (reader) minutes = reader.read(meetingDoc.minutes(doc));
  else {
    const content = fragmentJson(doc, 'minutes').content ?? [];
    minutes = { blocks: content.map(readBlock), text: plainTextOf({ type: 'doc', content }) };
  }
  // Who spoke comes from the speaker list the chair kept, never from the block's own attributes.
  const turns = new Map<string, { userId: string; name: string }>();
  for (const request of meetingDoc.speakers(doc).values()) {
    if (request && isString(request.opinionId) && isString(request.userId))
      turns.set(request.opinionId, { userId: request.userId, name: String(request.name ?? '') });
  }
  const opinions: Projection['opinions'] = [];
  const tasks: ProjectedTask[] = [];
  const seenTasks = new Set<string>();
  const seenOpinions = new Set<string>();
  let sectionId: string | null = null;
  let position = 0;
  const walk = (node: JsonNode) => {
    position++;
    if (node.type === 'heading' && isString(node.attrs?.sectionId)) sectionId = node.attrs.sectionId;
    if (node.type === 'opinion') {
      const id = node.attrs?.id;
      const turn = isString(id) ? turns.get(id) : undefined;
      if (isString(id) && UUID.test(id) && turn && !seenOpinions.has(id)) {
        seenOpinions.add(id);
        opinions.push({
          id,
          speakerId: memberIds.has(turn.userId) ? turn.userId : null,
          speakerName: turn.name,
          sectionId,
          body: plainTextOf(node),
          position,
        });
      } else refused.push(`opinion:${String(id)}`);
      return;
    }
    if (node.type === 'task') {
      const id = node.attrs?.id;
      if (!isString(id) || !UUID.test(id) || seenTasks.has(id)) {
        refused.push(`task:${String(id)}`);
        return;
      }
      seenTasks.add(id);
      const rawAssignees = Array.isArray(node.attrs?.assignees) ? (node.attrs.assignees as unknown[]) : [];
      const assignees: string[] = [];
      for (const a of rawAssignees) {
        const userId = (a as { userId?: unknown } | null)?.userId;
        if (isString(userId) && memberIds.has(userId)) {
          if (!assignees.includes(userId)) assignees.push(userId);
        } else refused.push(`task:${id}:assignee:${String(userId)}`);
      }
      const rawDue = node.attrs?.dueDate;
      const due = isString(rawDue) && dueDateSchema.safeParse(rawDue).success ? rawDue : null;
      if (rawDue != null && rawDue !== '' && due === null) refused.push(`task:${id}:due:${String(rawDue)}`);
      const rawStatus = node.attrs?.status;
      const status = TASK_STATUSES.includes(rawStatus as TaskStatus) ? (rawStatus as TaskStatus) : 'not_started';
      tasks.push({ id, body: plainTextOf(node).trim(), dueDate: due, status, assignees, position });
      return;
    }
    for (const child of node.content ?? []) walk(child);
  };
  // The fragment itself is the first node; a block without records only adds its nodes to the count.
  position++;
  for (const block of minutes.blocks) {
    if (block.json) walk(block.json);
    else position += block.nodes;
  }

  return {
    attendance,
    opinions,
    tasks,
    votes: projectVotes(doc),
    text: minutes.text,
    agenda: reader ? reader.read(meetingDoc.agenda(doc)).text : plainTextOf(fragmentJson(doc, 'agenda')),
    refused,
  };
}

/**
 * Writes a meeting's projection into its rows in one transaction, replacing
 * what was there: running it twice changes nothing. Tasks keep their
 * created_at; once minutes are approved the database owns task status, so a
 * sealed meeting's tasks are not touched here.
 */
/** A task as the review sections of later meetings see it; equal keys, equal reviews. */
function taskKey(t: Pick<ProjectedTask, 'id' | 'body' | 'dueDate' | 'status' | 'position' | 'assignees'>): string {
  return JSON.stringify([t.id, t.body, t.dueDate, t.status, t.position, t.assignees]);
}

/**
 * Writes a projection in one transaction (the text and its search index
 * only when `options.text`). Returns whether the meeting's tasks
 * differ from the rows stored before, which is when the review sections of
 * later meetings need refreshing.
 */
export async function writeProjection(
  db: Db,
  meeting: Meeting,
  projection: Projection,
  options: { text: boolean } = { text: true },
): Promise<{ tasksChanged: boolean }> {
  if (projection.refused.length > 0) {
    log.warn('meeting.projection_refused', { meetingId: meeting.id, refused: projection.refused.slice(0, 50) });
  }
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    let tasksChanged = false;
    await trx.deleteFrom('attendance').where('meeting_id', '=', meeting.id).execute();
    if (projection.attendance.length > 0) {
      await trx
        .insertInto('attendance')
        .values(
          projection.attendance.map((a) => ({
            meeting_id: meeting.id,
            user_id: a.userId,
            status: a.status,
            reason: a.reason,
            marked_at: a.at,
          })),
        )
        .execute();
    }
    await trx.deleteFrom('opinions').where('meeting_id', '=', meeting.id).execute();
    if (projection.opinions.length > 0) {
      await trx
        .insertInto('opinions')
        .values(
          projection.opinions.map((o) => ({
            id: o.id,
            meeting_id: meeting.id,
            speaker_id: o.speakerId,
            speaker_name: o.speakerName,
            section_id: o.sectionId,
            body: o.body,
            position: o.position,
          })),
        )
        .execute();
    }
    await trx.deleteFrom('votes').where('meeting_id', '=', meeting.id).execute();
    if (projection.votes.length > 0) {
      await trx
        .insertInto('votes')
        .values(
          projection.votes.map((v) => ({
            id: v.id,
            meeting_id: meeting.id,
            subject: v.subject,
            title: v.title,
            method: v.method,
            state: v.state,
            count_for: v.counts?.for ?? null,
            count_against: v.counts?.against ?? null,
            count_other: v.counts?.other ?? null,
            other_opinions: v.otherOpinions,
            present: v.present,
            base: v.base,
            percent_tenths: v.percentTenths,
            passed: v.passed,
            rule_base: v.rule?.base ?? null,
            rule_threshold: v.rule?.threshold ?? null,
            opened_at: v.openedAt,
            closed_at: v.closedAt,
          })),
        )
        .execute();
    }
    if (meeting.state !== 'approved') {
      const existing = await trx
        .selectFrom('tasks')
        .select(['id', 'created_at', 'body', 'due_date', 'status', 'position'])
        .where('meeting_id', '=', meeting.id)
        .execute();
      const existingAssignees = existing.length
        ? await trx
            .selectFrom('task_assignees')
            .select(['task_id', 'user_id'])
            .where(
              'task_id',
              'in',
              existing.map((t) => t.id),
            )
            .orderBy('position')
            .execute()
        : [];
      const before = new Set(
        existing.map((t) =>
          taskKey({
            id: t.id,
            body: t.body,
            dueDate: t.due_date,
            status: t.status,
            position: t.position,
            assignees: existingAssignees.filter((a) => a.task_id === t.id).map((a) => a.user_id),
          }),
        ),
      );
      const after = new Set<string>();
      const created = new Map(existing.map((t) => [t.id, t.created_at]));
      const keep = new Set(projection.tasks.map((t) => t.id));
      const gone = existing.filter((t) => !keep.has(t.id)).map((t) => t.id);
      if (gone.length > 0) {
        await trx.deleteFrom('task_assignees').where('task_id', 'in', gone).execute();
        await trx.deleteFrom('tasks').where('id', 'in', gone).execute();
      }
      for (const t of projection.tasks) {
        // A task id copied from another meeting's minutes belongs to that meeting: skip it.
        const owner = await trx.selectFrom('tasks').select('meeting_id').where('id', '=', t.id).executeTakeFirst();
        if (owner && owner.meeting_id !== meeting.id) continue;
        after.add(taskKey(t));
        const row = {
          meeting_id: meeting.id,
          cell_id: meeting.cell_id,
          body: t.body,
          due_date: t.dueDate,
          status: t.status,
          position: t.position,
          updated_at: now,
        };
        if (created.has(t.id)) await trx.updateTable('tasks').set(row).where('id', '=', t.id).execute();
        else
          await trx
            .insertInto('tasks')
            .values({ id: t.id, ...row, created_at: now, updated_by: null })
            .execute();
        await trx.deleteFrom('task_assignees').where('task_id', '=', t.id).execute();
        if (t.assignees.length > 0) {
          await trx
            .insertInto('task_assignees')
            .values(t.assignees.map((userId, position) => ({ task_id: t.id, user_id: userId, position })))
            .execute();
        }
      }
      tasksChanged = before.size !== after.size || [...after].some((key) => !before.has(key));
    }
    // Writing the text costs as much as the minutes are long (the search index takes it whole): the
    // projector leaves it out while it is unchanged, and for a while when the minutes are long.
    if (options.text) {
      const text = { body: projection.text, agenda: projection.agenda };
      await trx
        .insertInto('meeting_text')
        .values({ meeting_id: meeting.id, ...text, updated_at: now })
        .onConflict((oc) => oc.column('meeting_id').doUpdateSet({ ...text, updated_at: now }))
        .execute();
      // In the same transaction: the index never finds words the stored text no longer has.
      await indexMeeting(trx, meeting, text);
    }
    return { tasksChanged };
  });
}
