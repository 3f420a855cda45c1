import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import type { Organisation } from '../db/schema';
import type { Subject } from '../../lib/policy';
import type { MemberInput, SetupInput } from '../../lib/schemas';
import type { CsvRow } from '../../lib/members-csv';
import type { MemberRole, MemberStatus } from '../../lib/domain';
import { conflict, notFound } from '../errors';
import { hashPassword } from './passwords';
import { importMembers } from './member-import';
import type { SessionUser } from './accounts';

const SETUP_KEY = 'setup_completed_at';

/** Vietnamese alphabetical order ("Đặng" after "Dương", before "Giang"), not byte order. */
const VIETNAMESE = new Intl.Collator('vi');

export interface MemberRow {
  membershipId: string;
  userId: string;
  name: string;
  /** Null for a member known by phone only. */
  email: string | null;
  phone: string | null;
  role: MemberRole;
  /** The day the member joined the party and was made a full member (YYYY-MM-DD), when recorded. */
  joinedOn: string | null;
  officialOn: string | null;
  status: MemberStatus;
  hasPassword: boolean;
  isAdmin: boolean;
  /** The cell whose manager created the account (see canManageCredentials in lib/policy.ts). */
  homeCellId: string | null;
}

export interface CellSummary {
  id: string;
  name: string;
  committeeId: string | null;
  committeeName: string | null;
}

/** Organisation tree (đảng bộ → chi bộ), memberships and first-run setup. */
export function createOrganisations(db: Db) {
  async function insertOrganisation(
    trx: Db,
    kind: Organisation['kind'],
    name: string,
    parentId: string | null,
  ): Promise<Organisation> {
    const org: Organisation = {
      id: randomUUID(),
      kind,
      name,
      parent_id: parentId,
      created_at: new Date().toISOString(),
    };
    await trx.insertInto('organisations').values(org).execute();
    return org;
  }

  async function memberRows(cellId: string, userId?: string): Promise<MemberRow[]> {
    let query = db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select([
        'm.id as membershipId',
        'u.id as userId',
        'u.name',
        'u.email',
        'u.phone',
        'm.role',
        'm.status',
        'm.joined_on as joinedOn',
        'm.official_on as officialOn',
        'u.password_hash',
        'u.is_admin',
        'u.home_cell_id as homeCellId',
      ])
      .where('m.cell_id', '=', cellId);
    if (userId) query = query.where('u.id', '=', userId);
    const rows = await query.execute();
    return rows.map(({ password_hash, is_admin, ...row }) => ({
      ...row,
      hasPassword: password_hash !== null,
      isAdmin: is_admin === 1,
    }));
  }

  const service = {
    /**
     * Setup is for an empty installation only: it closes for good once it has
     * run, and as soon as an administrator or an organisation exists however it
     * was made (the operator CLI provisions without the setup page).
     */
    async isSetupComplete(trx: Db = db): Promise<boolean> {
      const done = await trx.selectFrom('settings').select('value').where('key', '=', SETUP_KEY).executeTakeFirst();
      if (done) return true;
      const admin = await trx.selectFrom('users').select('id').where('is_admin', '=', 1).limit(1).executeTakeFirst();
      if (admin) return true;
      const organisation = await trx.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
      return organisation !== undefined;
    },

    /**
     * Creates the administrator and the first đảng bộ and chi bộ, once. The
     * settings row is inserted first inside the transaction so that two
     * concurrent submissions cannot both succeed (primary key conflict).
     */
    async completeSetup(input: SetupInput): Promise<{ adminId: string; committeeId: string; cellId: string }> {
      const hash = await hashPassword(input.password);
      const now = new Date().toISOString();
      try {
        return await db.transaction().execute(async (trx) => {
          // An administrator or organisation made by the CLI meanwhile closes setup too.
          if (await service.isSetupComplete(trx)) throw conflict('setup_closed');
          await trx.insertInto('settings').values({ key: SETUP_KEY, value: now }).execute();
          // A user created earlier (CLI create-user) may hold the email: say so rather than fail on the unique index.
          const taken = await trx.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
          if (taken) throw conflict('email_taken');
          const adminId = randomUUID();
          await trx
            .insertInto('users')
            .values({
              id: adminId,
              email: input.email,
              name: input.adminName,
              password_hash: hash,
              is_admin: 1,
              session_version: 1,
              created_at: now,
              home_cell_id: null,
              phone: null,
            })
            .execute();
          const committee = await insertOrganisation(trx, 'committee', input.committeeName, null);
          const cell = await insertOrganisation(trx, 'cell', input.cellName, committee.id);
          return { adminId, committeeId: committee.id, cellId: cell.id };
        });
      } catch (error) {
        if (await service.isSetupComplete()) throw conflict('setup_closed');
        throw error;
      }
    },

    async createCommittee(name: string): Promise<Organisation> {
      return insertOrganisation(db, 'committee', name, null);
    },

    async createCell(committeeId: string, name: string): Promise<Organisation> {
      const parent = await db.selectFrom('organisations').selectAll().where('id', '=', committeeId).executeTakeFirst();
      if (!parent || parent.kind !== 'committee') throw notFound('committee_not_found');
      return insertOrganisation(db, 'cell', name, committeeId);
    },

    async getCell(cellId: string): Promise<CellSummary | null> {
      const row = await db
        .selectFrom('organisations as c')
        .leftJoin('organisations as p', 'p.id', 'c.parent_id')
        .select(['c.id', 'c.name', 'c.parent_id as committeeId', 'p.name as committeeName'])
        .where('c.id', '=', cellId)
        .where('c.kind', '=', 'cell')
        .executeTakeFirst();
      return row ?? null;
    },

    /** Cells the subject can see: all for an administrator, their own otherwise. */
    async cellsFor(subject: Subject): Promise<CellSummary[]> {
      let query = db
        .selectFrom('organisations as c')
        .leftJoin('organisations as p', 'p.id', 'c.parent_id')
        .select(['c.id', 'c.name', 'c.parent_id as committeeId', 'p.name as committeeName'])
        .where('c.kind', '=', 'cell')
        .orderBy('p.name')
        .orderBy('c.name');
      if (!subject.isAdmin) {
        const ids = [...subject.memberships.map((m) => m.cellId), ...(subject.oversees ?? [])];
        if (ids.length === 0) return [];
        query = query.where('c.id', 'in', ids);
      }
      return query.execute();
    },

    async listCommittees(): Promise<Organisation[]> {
      return db.selectFrom('organisations').selectAll().where('kind', '=', 'committee').orderBy('name').execute();
    },

    /**
     * Adds a person to a cell. An email already known joins the existing user
     * to the cell, and the cell gains no say over that account's password; a
     * new email creates a user without a password, whose home is this cell:
     * its managers may send the link that sets it.
     */
    async addMember(cellId: string, input: MemberInput): Promise<MemberRow> {
      const cell = await service.getCell(cellId);
      if (!cell) throw notFound('cell_not_found');
      return db.transaction().execute(async (trx) => {
        const now = new Date().toISOString();
        let user = await trx.selectFrom('users').selectAll().where('email', '=', input.email).executeTakeFirst();
        if (!user) {
          user = {
            id: randomUUID(),
            email: input.email,
            name: input.name,
            password_hash: null,
            is_admin: 0,
            session_version: 1,
            created_at: now,
            home_cell_id: cellId,
            phone: null,
            large_text: 0,
          };
          await trx.insertInto('users').values(user).execute();
        }
        const existing = await trx
          .selectFrom('memberships')
          .select('id')
          .where('cell_id', '=', cellId)
          .where('user_id', '=', user.id)
          .executeTakeFirst();
        if (existing) throw conflict('already_member');
        const membershipId = randomUUID();
        await trx
          .insertInto('memberships')
          .values({
            id: membershipId,
            cell_id: cellId,
            user_id: user.id,
            role: input.role,
            status: input.status,
            created_at: now,
            joined_on: null,
            official_on: null,
          })
          .execute();
        return {
          membershipId,
          userId: user.id,
          name: user.name,
          email: user.email,
          phone: user.phone,
          role: input.role,
          status: input.status,
          joinedOn: null,
          officialOn: null,
          hasPassword: user.password_hash !== null,
          isAdmin: user.is_admin === 1,
          homeCellId: user.home_cell_id,
        };
      });
    },

    /** Imports a member list into a cell, or says what it would do (see member-import.ts). */
    importMembers: (cellId: string, rows: readonly CsvRow[], apply: boolean) => importMembers(db, cellId, rows, apply),

    async listMembers(cellId: string): Promise<MemberRow[]> {
      return (await memberRows(cellId)).sort((a, b) => VIETNAMESE.compare(a.name, b.name));
    },

    async getMembership(cellId: string, userId: string): Promise<MemberRow | null> {
      return (await memberRows(cellId, userId))[0] ?? null;
    },

    /** Everything the permission policy needs to know about a user. */
    async subjectFor(user: Pick<SessionUser, 'id' | 'isAdmin'>): Promise<Subject> {
      const memberships = await db
        .selectFrom('memberships')
        .select(['cell_id as cellId', 'role', 'status'])
        .where('user_id', '=', user.id)
        .execute();
      const oversights = await db.selectFrom('oversights').select('cell_id').where('user_id', '=', user.id).execute();
      return { userId: user.id, isAdmin: user.isAdmin, memberships, oversees: oversights.map((o) => o.cell_id) };
    },
  };
  return service;
}

export type Organisations = ReturnType<typeof createOrganisations>;
