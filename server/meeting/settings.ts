import type { Db } from '../db/connection';
import { DEFAULT_ABSENCE_STREAK } from '../../lib/rules/attendance';
import { DEFAULT_VOTE_RULE, type VoteRule } from '../../lib/rules/votes';

export interface CellRules {
  vote: VoteRule;
  absenceStreak: number;
}

/** The cell's configured rules, or the defaults when none are saved. */
export async function cellRules(db: Db, cellId: string): Promise<CellRules> {
  const row = await db.selectFrom('cell_settings').selectAll().where('cell_id', '=', cellId).executeTakeFirst();
  if (!row) return { vote: DEFAULT_VOTE_RULE, absenceStreak: DEFAULT_ABSENCE_STREAK };
  return { vote: { base: row.vote_base, threshold: row.vote_threshold }, absenceStreak: row.absence_streak };
}
