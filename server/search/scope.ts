import { expressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { SearchFilters } from '../../lib/search/query';
import type { ReadRule } from '../../lib/policy';
import { SETTLED_STATES } from '../../lib/domain';
import type { Database } from '../db/schema';

type WithMeeting = Database & { m: Database['meetings'] };

/**
 * The policy's read rules and the searcher's filters as one condition on
 * `meetings as m`, for the statement that matches: what the searcher may not
 * read is never counted, ranked or returned. No rule, nothing readable.
 */
export function readableWhere(rules: readonly ReadRule[], filters: SearchFilters): Expression<SqlBool> {
  const eb = expressionBuilder<WithMeeting, 'm'>();
  const admitted = rules.map((rule) => {
    const conditions: Expression<SqlBool>[] = [];
    if (rule.cellIds !== null) {
      if (rule.cellIds.length === 0) return eb.lit(false);
      conditions.push(eb('m.cell_id', 'in', rule.cellIds));
    }
    if (rule.kinds === 'committee') conditions.push(eb('m.kind', '=', 'committee'));
    if (rule.kinds === 'not_committee') conditions.push(eb('m.kind', '!=', 'committee'));
    if (!rule.secret) conditions.push(eb('m.classification', '=', 'normal'));
    if (rule.settledOnly) conditions.push(eb('m.state', 'in', [...SETTLED_STATES]));
    if (rule.invitedUserId !== null) {
      conditions.push(
        eb.exists(
          eb
            .selectFrom('meeting_invitees as i')
            .select('i.meeting_id')
            .whereRef('i.meeting_id', '=', 'm.id')
            .where('i.user_id', '=', rule.invitedUserId),
        ),
      );
    }
    return conditions.length === 0 ? eb.lit(true) : eb.and(conditions);
  });
  const conditions: Expression<SqlBool>[] = [admitted.length === 0 ? eb.lit(false) : eb.or(admitted)];
  if (filters.cellId) conditions.push(eb('m.cell_id', '=', filters.cellId));
  if (filters.kind) conditions.push(eb('m.kind', '=', filters.kind));
  if (filters.state) conditions.push(eb('m.state', '=', filters.state));
  if (filters.year !== undefined) {
    const from = `${String(filters.year).padStart(4, '0')}-01-01`;
    const to = `${String(filters.year + 1).padStart(4, '0')}-01-01`;
    conditions.push(eb('m.starts_at', '>=', from), eb('m.starts_at', '<', to));
  }
  return eb.and(conditions);
}

/**
 * The cells that hold every meeting `readableWhere` admits for the same
 * rules and filters, or null when any cell may: the filter's cell, else the
 * cells the rules name. An engine narrows its scan with them; the condition
 * itself still decides (a filter for a cell one may not read finds nothing).
 */
export function readableCells(rules: readonly ReadRule[], filters: SearchFilters): string[] | null {
  if (filters.cellId) return [filters.cellId];
  if (rules.some((rule) => rule.cellIds === null)) return null;
  return [...new Set(rules.flatMap((rule) => rule.cellIds ?? []))];
}
