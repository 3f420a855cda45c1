import type { Generated, Insertable, Selectable } from 'kysely';
import type { MeetingKind, MeetingState, MemberRole, MemberStatus, OrganisationKind } from '../../lib/domain';

/**
 * Table types for Kysely. Timestamps are ISO-8601 strings and booleans are
 * 0/1 integers so that the same rows work on SQLite and PostgreSQL.
 */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  is_admin: number;
  /** Bumped to revoke every session of the user (sign out everywhere, removal). */
  session_version: number;
  created_at: string;
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
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type Membership = Selectable<MembershipsTable>;
export type Meeting = Selectable<MeetingsTable>;
