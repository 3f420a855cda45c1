import type { Generated, Insertable, Selectable } from 'kysely';
import type {
  MeetingClassification,
  MeetingKind,
  MeetingState,
  MemberRole,
  MemberStatus,
  NotHeldReason,
  OrganisationKind,
} from '../../lib/domain';
import type { AttendanceStatus } from '../../lib/rules/attendance';
import type { TaskStatus } from '../../lib/rules/tasks';
import type { VoteBase, VoteThreshold } from '../../lib/rules/votes';

/**
 * Table types for Kysely. Timestamps are ISO-8601 strings and booleans are
 * 0/1 integers so that the same rows work on SQLite and PostgreSQL.
 */
export interface UsersTable {
  id: string;
  /** Null for a member known by phone only (migration 0009): such an account signs in with the phone. */
  email: string | null;
  name: string;
  password_hash: string | null;
  is_admin: number;
  /** Bumped to revoke every session of the user (sign out everywhere, removal). */
  session_version: number;
  created_at: string;
  /** The cell whose manager created the account; its managers may hand out password links. */
  home_cell_id: string | null;
  /** Digits only, starting with 0 (see lib/phone.ts); unique when present. */
  phone: string | null;
  /** 1 when the user chose larger text and higher contrast (migration 0011). */
  large_text: Generated<number>;
}

export interface OrganisationsTable {
  id: string;
  kind: OrganisationKind;
  name: string;
  parent_id: string | null;
  created_at: string;
}

export interface MembershipsTable {
  id: string;
  cell_id: string;
  user_id: string;
  role: MemberRole;
  status: MemberStatus;
  created_at: string;
  /** The day the member joined the party (YYYY-MM-DD), when the cell recorded it. */
  joined_on: string | null;
  /** The day the member was made a full member (YYYY-MM-DD), when the cell recorded it. */
  official_on: string | null;
}

export interface InvitesTable {
  /** SHA-256 of the token: the token itself is shown once and never stored. */
  token_hash: string;
  user_id: string;
  created_by: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface MeetingsTable {
  id: string;
  cell_id: string;
  kind: MeetingKind;
  title: string;
  starts_at: string;
  place: string;
  state: MeetingState;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  chair_id: string | null;
  secretary_id: string | null;
  approved_at: string | null;
  /** SHA-256 (hex) of the sealed minutes' canonical content. */
  content_hash: string | null;
  draft_resolution_ready_at: string | null;
  notified_at: string | null;
  /** Thematic meetings: the topic. */
  topic: string | null;
  /** Thematic meetings: the member assigned the introductory paper (đề dẫn). */
  presenter_id: string | null;
  classification: MeetingClassification;
  /** A meeting that did not take place: why, in the manager's words, when and by whom it was recorded. */
  not_held_reason: NotHeldReason | null;
  not_held_note: string | null;
  not_held_at: string | null;
  not_held_by: string | null;
}

export interface TemplatesTable {
  kind: MeetingKind;
  locale: string;
  /** Template definition as JSON text (see server/templates). */
  body: string;
  updated_at: string;
}

export interface DocUpdatesTable {
  id: Generated<number>;
  doc_id: string;
  data: Uint8Array;
  created_at: string;
}

export interface DocSnapshotsTable {
  doc_id: string;
  data: Uint8Array;
  /** Highest doc_updates.id merged into this snapshot. */
  last_update_id: number;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CellSettingsTable {
  cell_id: string;
  vote_base: VoteBase;
  vote_threshold: VoteThreshold;
  absence_streak: number;
  updated_at: string;
}

export interface OversightsTable {
  user_id: string;
  cell_id: string;
  created_at: string;
}

export interface AttendanceTable {
  meeting_id: string;
  user_id: string;
  status: AttendanceStatus;
  reason: string | null;
  marked_at: string;
}

export interface VotesTable {
  id: string;
  meeting_id: string;
  subject: string;
  title: string;
  method: string;
  state: 'open' | 'closed';
  count_for: number | null;
  count_against: number | null;
  count_other: number | null;
  other_opinions: string | null;
  present: number | null;
  base: number | null;
  percent_tenths: number | null;
  passed: number | null;
  rule_base: string | null;
  rule_threshold: string | null;
  opened_at: string;
  closed_at: string | null;
}

export interface OpinionsTable {
  id: string;
  meeting_id: string;
  speaker_id: string | null;
  speaker_name: string;
  section_id: string | null;
  body: string;
  position: number;
}

export interface TasksTable {
  id: string;
  meeting_id: string;
  cell_id: string;
  body: string;
  due_date: string | null;
  status: TaskStatus;
  position: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface TaskAssigneesTable {
  task_id: string;
  user_id: string;
  /** Order in which the minutes list the assignees. */
  position: number;
}

export interface MeetingTextTable {
  meeting_id: string;
  /** The minutes as plain text, blocks on lines of their own. */
  body: string;
  /** The agenda as plain text. */
  agenda: Generated<string>;
  updated_at: string;
}

/** SQLite only: the rowid of a meeting's row in the FTS5 table search_fts (migrations 0004, 0007). */
export interface SearchDocsTable {
  id: number;
  meeting_id: string;
}

/** PostgreSQL only: a meeting's folded text as a tsvector (migration 0004), and its start (0007). */
export interface SearchDocumentsTable {
  meeting_id: string;
  /** meetings.starts_at, kept here so one index walks the matches newest first. */
  starts_at: string;
  document: string;
}

export interface MinutesVersionsTable {
  id: string;
  meeting_id: string;
  /** When it was taken: start, end, approved (the seal) or manual (lib/minutes/versions.ts). */
  name: string;
  content_hash: string;
  /** The canonical JSON that was hashed. */
  content: string;
  /** The Yjs state when it was taken. */
  state: Uint8Array;
  /** What a minutes-taker called a version saved by hand; null for the others. */
  label: string | null;
  created_by: string | null;
  created_at: string;
}

export interface AcknowledgmentsTable {
  meeting_id: string;
  role: 'chair' | 'secretary';
  user_id: string;
  at: string;
}

export interface AmendmentsTable {
  id: string;
  meeting_id: string;
  body: string;
  author_id: string;
  content_hash: string;
  created_at: string;
}

/** An overseer's guidance on approved minutes, on the whole or on one section (kept as written). */
export interface GuidanceTable {
  id: string;
  meeting_id: string;
  cell_id: string;
  author_id: string;
  section_id: string | null;
  /** The section's heading as the sealed minutes read when the guidance was given. */
  section_title: string | null;
  body: string;
  created_at: string;
}

export interface AttachmentsTable {
  id: string;
  meeting_id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  uploaded_by: string;
  created_at: string;
}

export interface MeetingViewsTable {
  meeting_id: string;
  user_id: string;
  first_at: string;
  last_at: string;
  count: number;
}

export interface MeetingInviteesTable {
  meeting_id: string;
  user_id: string;
  invited_by: string | null;
  created_at: string;
}

/** Append-only: the database refuses UPDATE and DELETE (triggers of migration 0003). */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** A stable name, e.g. "auth.sign_in", "minutes.read" (server/audit/log.ts lists them). */
  action: string;
  actor_id: string | null;
  cell_id: string | null;
  meeting_id: string | null;
  /** The person the action was about (a member added, a session revoked), when not the actor. */
  subject_id: string | null;
  address: string | null;
  /** JSON object with what else matters for this action. */
  details: string;
}

/** A message sent, or kept in the outbox (migration 0009). */
export interface MailMessagesTable {
  id: string;
  /** What it carries: a meeting notice, an invite or a new password link. */
  kind: 'meeting_notice' | 'invite' | 'reset_link';
  transport: 'smtp' | 'outbox';
  /** `queued` until tried; `sent`, `failed`, or `kept` (in the outbox). */
  status: 'queued' | 'sent' | 'failed' | 'kept';
  to_address: string;
  to_name: string;
  subject: string;
  /** The text; empty for messages that went through SMTP (see the migration). */
  body: string;
  /** The attached calendar entry (.ics), outbox only. */
  calendar: string | null;
  cell_id: string | null;
  meeting_id: string | null;
  sent_by: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface Database {
  users: UsersTable;
  organisations: OrganisationsTable;
  memberships: MembershipsTable;
  invites: InvitesTable;
  meetings: MeetingsTable;
  templates: TemplatesTable;
  doc_updates: DocUpdatesTable;
  doc_snapshots: DocSnapshotsTable;
  settings: SettingsTable;
  cell_settings: CellSettingsTable;
  oversights: OversightsTable;
  attendance: AttendanceTable;
  votes: VotesTable;
  opinions: OpinionsTable;
  tasks: TasksTable;
  task_assignees: TaskAssigneesTable;
  meeting_text: MeetingTextTable;
  search_docs: SearchDocsTable;
  search_documents: SearchDocumentsTable;
  minutes_versions: MinutesVersionsTable;
  acknowledgments: AcknowledgmentsTable;
  amendments: AmendmentsTable;
  guidance: GuidanceTable;
  attachments: AttachmentsTable;
  mail_messages: MailMessagesTable;
  meeting_views: MeetingViewsTable;
  meeting_invitees: MeetingInviteesTable;
  audit_log: AuditLogTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type Membership = Selectable<MembershipsTable>;
export type Meeting = Selectable<MeetingsTable>;
