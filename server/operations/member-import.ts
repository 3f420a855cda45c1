import { z } from 'zod';
import { IMPORT_MAX_BYTES, readMembersCsv, type FileProblemCode } from '../../lib/members-csv';
import type { ImportPlan } from '../../lib/members-import';
import { canManageCell } from '../../lib/policy';
import { notFound } from '../errors';
import { auditAs, operation } from './define';

/** What an import says: the file could not be read at all, or what each row would do (and whether it was saved). */
export type ImportOutcome =
  { ok: false; problem: FileProblemCode } | { ok: true; plan: ImportPlan; ignoredColumns: string[]; saved: boolean };

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
    async run(deps, _ctx, input, caller): Promise<ImportOutcome> {
      const reading = readMembersCsv(input.text);
      if (!reading.ok) return reading;
      const { plan, saved } = await deps.services.organisations.importMembers(input.cellId, reading.rows, input.apply);
      if (saved) {
        for (const row of plan.rows) {
          if (row.action === 'new') {
            await auditAs(deps, caller, {
              action: 'member.added',
              cellId: input.cellId,
              subjectId: row.userId,
              details: { role: row.role ?? 'member', status: row.status, source: 'import' },
            });
          } else if (row.action === 'update') {
            await auditAs(deps, caller, {
              action: 'member.updated',
              cellId: input.cellId,
              subjectId: row.userId,
              details: { fields: row.changes.map((c) => c.field), source: 'import' },
            });
          }
        }
      }
      return { ok: true, plan, ignoredColumns: reading.ignoredColumns, saved };
    },
  }),
};
