import { randomUUID } from 'node:crypto';
import type { CsvRow } from '../../lib/members-csv';
import { importable, planImport, type FieldChange, type ImportPlan, type KnownPerson } from '../../lib/members-import';
import type { MemberRole, MemberStatus } from '../../lib/domain';
import type { Db } from '../db/connection';
import type { MembershipsTable, UsersTable } from '../db/schema';

export interface ImportResult {
  plan: ImportPlan;
  /** Whether anything was written: only on apply, only when no row has a problem, only when something changes. */
  saved: boolean;
}

/** The cell's members, and the accounts outside it that share an email or a phone with the file. */
async function knownPeople(trx: Db, cellId: string, rows: readonly CsvRow[]): Promise<KnownPerson[]> {
  const members = await trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.email', 'u.phone', 'u.home_cell_id', 'u.is_admin'])
    .select(['m.role', 'm.status', 'm.joined_on', 'm.official_on'])
    .where('m.cell_id', '=', cellId)
    .execute();
  const emails = rows.flatMap((r) => (r.email ? [r.email] : []));
  const phones = rows.flatMap((r) => (r.phone ? [r.phone] : []));
  const inCell = new Set(members.map((m) => m.id));
  const others =
    emails.length + phones.length === 0
      ? []
      : await trx
          .selectFrom('users')
          .select(['id', 'name', 'email', 'phone', 'home_cell_id', 'is_admin'])
          .where((eb) =>
            eb.or([
              ...(emails.length > 0 ? [eb('email', 'in', emails)] : []),
              ...(phones.length > 0 ? [eb('phone', 'in', phones)] : []),
            ]),
          )
          .execute();
  const owned = (u: { home_cell_id: string | null; is_admin: number }) => u.home_cell_id === cellId && u.is_admin === 0;
  return [
    ...members.map((m) => ({
      userId: m.id,
      name: m.name,
      email: m.email,
      phone: m.phone,
      ownedByCell: owned(m),
      membership: { role: m.role, status: m.status, joinedOn: m.joined_on, officialOn: m.official_on },
    })),
    ...others
      .filter((u) => !inCell.has(u.id))
      .map((u) => ({
        userId: u.id,
        name: u.name,
        email: u.email,
        phone: u.phone,
        ownedByCell: owned(u),
        membership: null,
      })),
  ];
}

/** The changes of one row as the columns of the users and memberships tables. */
function columns(changes: readonly FieldChange[]) {
  const user: Partial<Pick<UsersTable, 'name' | 'email' | 'phone'>> = {};
  const membership: Partial<Pick<MembershipsTable, 'role' | 'status' | 'joined_on' | 'official_on'>> = {};
  for (const { field, to } of changes) {
    if (field === 'name' || field === 'email' || field === 'phone') user[field] = to;
    else if (field === 'role') membership.role = to as MemberRole;
    else if (field === 'status') membership.status = to as MemberStatus;
    else if (field === 'joinedOn') membership.joined_on = to;
    else membership.official_on = to;
  }
  return { user, membership };
}

/**
 * Imports a member list into a cell, or only says what it would do
 * (`apply: false`). Reading, planning and writing happen in one transaction,
 * so the plan that is saved is the one computed against the members as they
 * are at that moment, not as the preview saw them; and all rows are saved,
 * or none.
 */
export async function importMembers(
  db: Db,
  cellId: string,
  rows: readonly CsvRow[],
  apply: boolean,
): Promise<ImportResult> {
  return db.transaction().execute(async (trx) => {
    const plan = planImport(rows, await knownPeople(trx, cellId, rows));
    const work = plan.rows.filter((r) => r.action === 'new' || r.action === 'update');
    if (!apply || !importable(plan) || work.length === 0) return { plan, saved: false };
    const now = new Date().toISOString();
    for (const row of work) {
      const { user, membership } = columns(row.changes);
      let userId = row.userId;
      if (row.action === 'new' && userId === null) {
        userId = randomUUID();
        await trx
          .insertInto('users')
          .values({
            id: userId,
            name: row.name,
            email: row.email,
            phone: row.phone,
            password_hash: null,
            is_admin: 0,
            session_version: 1,
            created_at: now,
            home_cell_id: cellId,
          })
          .execute();
        row.userId = userId;
      } else if (Object.keys(user).length > 0) {
        await trx.updateTable('users').set(user).where('id', '=', userId!).execute();
      }
      if (row.action === 'new') {
        await trx
          .insertInto('memberships')
          .values({
            id: randomUUID(),
            cell_id: cellId,
            user_id: userId!,
            role: membership.role!,
            status: membership.status!,
            joined_on: membership.joined_on ?? null,
            official_on: membership.official_on ?? null,
            created_at: now,
          })
          .execute();
      } else if (Object.keys(membership).length > 0) {
        await trx
          .updateTable('memberships')
          .set(membership)
          .where('cell_id', '=', cellId)
          .where('user_id', '=', userId!)
          .execute();
      }
    }
    return { plan, saved: true };
  });
}
