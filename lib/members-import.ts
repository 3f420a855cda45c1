import type { MemberRole, MemberStatus } from './domain';
import type { CsvRow, RowProblem } from './members-csv';

/**
 * What importing a member list would do to a cell, row by row: add a new
 * member, update one the cell has (the differences listed), leave one
 * unchanged, or nothing because the row has a problem. Pure, so the preview
 * and the import are the same computation, and importing the same file
 * twice finds every row unchanged the second time.
 *
 * A row is the same person as a known account when its email or its phone
 * is theirs. An empty cell in the file changes nothing: the import adds and
 * corrects, it never erases what the cell recorded.
 */

/** A person the file may name: a member of the cell, or an account outside it with the same email or phone. */
export interface KnownPerson {
  userId: string;
  name: string;
  email: string | null;
  phone: string | null;
  /**
   * Whether this cell may change the account's name, email and phone: it
   * created the account, and the account is not an administrator's. An
   * account another cell created is joined as it is (as adding a member by
   * email does).
   */
  ownedByCell: boolean;
  /** The person's membership of this cell, or null for an account outside it. */
  membership: { role: MemberRole; status: MemberStatus; joinedOn: string | null; officialOn: string | null } | null;
}

export const CHANGE_FIELDS = ['name', 'email', 'phone', 'role', 'status', 'joinedOn', 'officialOn'] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

export interface FieldChange {
  field: ChangeField;
  from: string | null;
  to: string;
}

export type ImportAction = 'new' | 'update' | 'unchanged' | 'problem';

export interface PlannedRow extends CsvRow {
  action: ImportAction;
  /** The account the row is about: a known one, or null for a person the import would create. */
  userId: string | null;
  /** For a new member, what is recorded; for an update, what changes. */
  changes: FieldChange[];
}

export interface ImportPlan {
  rows: PlannedRow[];
  counts: Record<ImportAction, number>;
}

/** The role a new member gets when the file does not say: most of a cell are plain members. */
export const DEFAULT_ROLE: MemberRole = 'member';

function change(field: ChangeField, from: string | null, to: string | null): FieldChange[] {
  return to !== null && to !== from ? [{ field, from, to }] : [];
}

/** The person the row names, or a conflict when its email and its phone belong to two different people. */
function match(row: CsvRow, people: readonly KnownPerson[]): KnownPerson | null | 'conflict' {
  const byEmail = row.email ? people.find((p) => p.email === row.email) : undefined;
  const byPhone = row.phone ? people.find((p) => p.phone === row.phone) : undefined;
  if (byEmail && byPhone && byEmail.userId !== byPhone.userId) return 'conflict';
  return byEmail ?? byPhone ?? null;
}

function planRow(row: CsvRow, people: readonly KnownPerson[]): PlannedRow {
  const problems: RowProblem[] = [...row.problems];
  const person = match(row, people);
  const planned = (action: ImportAction, userId: string | null, changes: FieldChange[]): PlannedRow => ({
    ...row,
    problems,
    action: problems.length > 0 ? 'problem' : action,
    userId,
    changes: problems.length > 0 ? [] : changes,
  });
  if (person === 'conflict') {
    problems.push({ code: 'contact_conflict' });
    return planned('problem', null, []);
  }
  // A row that matched by phone must not give the account someone else's email, nor replace the one it has.
  if (person && row.email && person.email !== null && person.email !== row.email) {
    problems.push({ code: 'contact_conflict', value: row.email });
  }
  const membership = person?.membership ?? null;
  if (!membership) {
    if (row.status === null) problems.push({ code: 'status_missing' });
    const account = person
      ? []
      : [...change('name', null, row.name), ...change('email', null, row.email), ...change('phone', null, row.phone)];
    const changes = [
      ...account,
      ...change('role', null, row.role ?? DEFAULT_ROLE),
      ...change('status', null, row.status),
      ...change('joinedOn', null, row.joinedOn),
      ...change('officialOn', null, row.officialOn),
    ];
    return planned('new', person?.userId ?? null, changes);
  }
  // The dates as they will stand, one from the file and one kept, must still be in order.
  const joined = row.joinedOn ?? membership.joinedOn;
  const official = row.officialOn ?? membership.officialOn;
  if (joined && official && official < joined && !problems.some((p) => p.code === 'official_before_joined')) {
    problems.push({ code: 'official_before_joined' });
  }
  const account = person!.ownedByCell
    ? [
        ...change('name', person!.name, row.name),
        ...change('email', person!.email, row.email),
        ...change('phone', person!.phone, row.phone),
      ]
    : [];
  const changes = [
    ...account,
    ...change('role', membership.role, row.role),
    ...change('status', membership.status, row.status),
    ...change('joinedOn', membership.joinedOn, row.joinedOn),
    ...change('officialOn', membership.officialOn, row.officialOn),
  ];
  return planned(changes.length > 0 ? 'update' : 'unchanged', person!.userId, changes);
}

/** What importing `rows` into a cell whose members and related accounts are `people` would do. */
export function planImport(rows: readonly CsvRow[], people: readonly KnownPerson[]): ImportPlan {
  const planned = rows.map((row) => planRow(row, people));
  const counts: Record<ImportAction, number> = { new: 0, update: 0, unchanged: 0, problem: 0 };
  for (const row of planned) counts[row.action] += 1;
  return { rows: planned, counts };
}

/** Whether the import may be saved: no row has a problem (the secretary fixes the file first). */
export function importable(plan: ImportPlan): boolean {
  return plan.counts.problem === 0;
}
