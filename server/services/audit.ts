import type { Db } from '../db/connection';

/**
 * The audit log: who read and changed what. Append-only: this module only
 * inserts and reads, and the database refuses UPDATE and DELETE on the table
 * (migration 0003). Entries name people by id; pages join the names.
 */
export const AUDIT_ACTIONS = [
  /** A successful sign-in. */
  'auth.sign_in',
  /** A wrong email or password. */
  'auth.sign_in_refused',
  /** An attempt refused unchecked because its account or address made too many. */
  'auth.sign_in_limited',
  /** A password set through an invite or reset link, or by the operator. */
  'auth.password_set',
  /** Every session of an account ended (operator, password change). */
  'auth.sessions_revoked',
  /** An invite handed out: a link that sets the first password of an account. */
  'auth.invite_created',
  /** A password reset link handed out: a link that replaces the password of an account that has one. */
  'auth.reset_link_created',
  /** Approved minutes opened: the page, the live document, or an attachment of them. */
  'minutes.read',
  'attachment.read',
  /** Minutes downloaded as a document (DOCX, PDF): approved or secret minutes leaving the system. */
  'minutes.exported',
  'member.added',
  /** A member's details changed (by an import of the member list). */
  'member.updated',
  'meeting.roles_set',
  'meeting.not_held',
  'guidance.given',
  'meeting.invitee_added',
  'meeting.invitee_removed',
  'meeting.sealed',
  /** A vote closed by mistake and reopened by the chair before approval. */
  'vote.reopened',
  'minutes.amended',
  /** A version of the minutes saved by hand under a name. */
  'minutes.version_saved',
  'overseer.added',
  'overseer.removed',
  'cell.rules_changed',
  /** A meeting's notice sent by email to its members (or kept in the outbox). */
  'mail.notice_sent',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  actorId?: string | null;
  cellId?: string | null;
  meetingId?: string | null;
  /** The person the action was about, when not the actor. */
  subjectId?: string | null;
  address?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  at: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  cellId: string | null;
  meetingId: string | null;
  subjectId: string | null;
  subjectName: string | null;
  address: string | null;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  /** Only entries of these cells (null: every entry). */
  cells: readonly string[] | null;
  action?: string;
  /** Entries with an id below this one (paging back in time). */
  before?: number;
  limit?: number;
}

export const AUDIT_PAGE_SIZE = 100;

export function createAudit(db: Db) {
  return {
    /** Appends one entry. */
    async record(entry: AuditEntry): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          at: new Date().toISOString(),
          action: entry.action,
          actor_id: entry.actorId ?? null,
          cell_id: entry.cellId ?? null,
          meeting_id: entry.meetingId ?? null,
          subject_id: entry.subjectId ?? null,
          address: entry.address ?? null,
          details: JSON.stringify(entry.details ?? {}),
        })
        .execute();
    },

    /** Newest first, with the names of the people involved. */
    async list(query: AuditQuery): Promise<AuditRow[]> {
      if (query.cells !== null && query.cells.length === 0) return [];
      let select = db
        .selectFrom('audit_log as a')
        .leftJoin('users as actor', 'actor.id', 'a.actor_id')
        .leftJoin('users as subject', 'subject.id', 'a.subject_id')
        .select([
          'a.id',
          'a.at',
          'a.action',
          'a.actor_id',
          'actor.name as actorName',
          'a.cell_id',
          'a.meeting_id',
          'a.subject_id',
          'subject.name as subjectName',
          'a.address',
          'a.details',
        ])
        .orderBy('a.id', 'desc')
        .limit(Math.min(query.limit ?? AUDIT_PAGE_SIZE, 10_000));
      if (query.cells !== null) select = select.where('a.cell_id', 'in', query.cells);
      if (query.action) select = select.where('a.action', '=', query.action);
      if (query.before !== undefined) select = select.where('a.id', '<', query.before);
      const rows = await select.execute();
      return rows.map((r) => ({
        id: Number(r.id),
        at: r.at,
        action: r.action,
        actorId: r.actor_id,
        actorName: r.actorName,
        cellId: r.cell_id,
        meetingId: r.meeting_id,
        subjectId: r.subject_id,
        subjectName: r.subjectName,
        address: r.address,
        details: JSON.parse(r.details) as Record<string, unknown>,
      }));
    },
  };
}

export type Audit = ReturnType<typeof createAudit>;
