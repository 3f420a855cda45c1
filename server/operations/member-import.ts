import { z } from 'zod';
import { IMPORT_MAX_BYTES, readMembersCsv, type FileProblemCode } from '../../lib/members-csv';
import { DEFAULT_ROLE, type ImportPlan } from '../../lib/members-import';
import { canManageCell } from '../../lib/policy';
import { notFound } from '../errors';
import type { Services } from '../services';
import type { Audit } from '../services/audit';
import { operation } from './define';

/** What an import says: the file could not be read at all, or what each row would do (and whether it was saved). */
export type ImportOutcome =
  { ok: false; problem: FileProblemCode } | { ok: true; plan: ImportPlan; ignoredColumns: string[]; saved: boolean };

/**
 * One audit entry per member the import added or changed, nothing for rows
 * it left unchanged: importing the same file again leaves no trace.
 */
async function auditImport(audit: Audit, cellId: string, plan: ImportPlan, { actorId, address }: Actor): Promise<void> {
  for (const row of plan.rows) {
    if (row.action === 'new') {
      await audit.record({
        action: 'member.added',
        actorId,
        address,
        cellId,
        subjectId: row.userId,
        details: { role: row.role ?? DEFAULT_ROLE, status: row.status, source: 'import' },
      });
    } else if (row.action === 'update') {
      await audit.record({
        action: 'member.updated',
        actorId,
        address,
        cellId,
        subjectId: row.userId,
        details: { fields: row.changes.map((c) => c.field), source: 'import' },
      });
    }
  }
}

/** Who imports: a signed-in manager from an address, or the operator (CLI: no actor, no address). */
interface Actor {
  actorId: string | null;
  address: string | null;
}

/**
 * Reads the file's text, plans the import against the cell, saves it when
 * asked and possible, and audits what it saved. The operation (after the
 * policy) and the operator CLI both import through here.
 */
export async function importMemberList(
  services: Services,
  input: { cellId: string; text: string; apply: boolean },
  actor: Actor,
): Promise<ImportOutcome> {
  const reading = readMembersCsv(input.text);
  if (!reading.ok) return reading;
  const { plan, saved } = await services.organisations.importMembers(input.cellId, reading.rows, input.apply);
  if (saved) await auditImport(services.audit, input.cellId, plan, actor);
  return { ok: true, plan, ignoredColumns: reading.ignoredColumns, saved };
}

/** Members imported from a CSV file (README "Importing members"). */
export const memberImportOperations = {
  /**
   * Reads a member list and says what importing it would do, row by row
   * (`apply: false`, the preview); with `apply: true`, saves it, only when
   * no row has a problem, all rows or none. Importing the same file again
   * finds every row unchanged and writes nothing, not even to the audit log.
   */
  importMembers: operation({
    group: 'followUp',
    schema: z.object({
      cellId: z.string().uuid('invalid_id'),
      text: z.string().max(IMPORT_MAX_BYTES, 'import_too_large'),
      apply: z.boolean(),
    }),
    async load(deps, { user }, input) {
      const cell = await deps.services.organisations.getCell(input.cellId);
      if (!cell) throw notFound('cell_not_found');
      return { subject: await deps.services.organisations.subjectFor(user), cell };
    },
    allowed: (ctx) => canManageCell(ctx.subject, ctx.cell.id),
    serialise: (input) => `cell:${input.cellId}`,
    run: (deps, _ctx, input, caller) =>
      importMemberList(deps.services, input, { actorId: caller.user.id, address: caller.address }),
  }),
};
