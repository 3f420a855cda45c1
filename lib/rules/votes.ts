/** Vote rules: counts from a show of hands or confirmations, and whether the motion passed. */

export interface VoteCounts {
  /** tán thành */
  for: number;
  /** không tán thành */
  against: number;
  /** ý kiến khác */
  other: number;
}

/** Which number the share of "for" votes is measured against. */
export const VOTE_BASES = ['present', 'full_members', 'present_full_members'] as const;
export type VoteBase = (typeof VOTE_BASES)[number];

/** How large the share must be. */
export const VOTE_THRESHOLDS = ['more_than_half', 'at_least_two_thirds'] as const;
export type VoteThreshold = (typeof VOTE_THRESHOLDS)[number];

export interface VoteRule {
  base: VoteBase;
  threshold: VoteThreshold;
}

/** The common rule (verify per cell): more than half of the members present. */
export const DEFAULT_VOTE_RULE: VoteRule = { base: 'present', threshold: 'more_than_half' };

export interface VoteBaseNumbers {
  present: number;
  fullMembers: number;
  fullPresent: number;
}

export type VoteCountError = 'vote_counts_not_whole' | 'vote_counts_exceed_present' | 'vote_counts_empty';

/**
 * Refuses counts that cannot be right: negative or fractional numbers,
 * nobody voting, or more votes than members present.
 */
export function checkVoteCounts(counts: VoteCounts, present: number): VoteCountError | null {
  const values = [counts.for, counts.against, counts.other];
  if (values.some((v) => !Number.isInteger(v) || v < 0)) return 'vote_counts_not_whole';
  const total = values.reduce((a, b) => a + b, 0);
  if (total === 0) return 'vote_counts_empty';
  if (total > present) return 'vote_counts_exceed_present';
  return null;
}

function baseCount(rule: VoteRule, numbers: VoteBaseNumbers): number {
  switch (rule.base) {
    case 'present':
      return numbers.present;
    case 'full_members':
      return numbers.fullMembers;
    case 'present_full_members':
      return numbers.fullPresent;
  }
}

export interface VoteOutcome {
  base: number;
  /** Share of the base voting for, 0–100, rounded to one decimal. */
  percent: number;
  passed: boolean;
}

/** Whether the motion passed under the cell's rule; integer arithmetic, no rounding at the edge. */
export function voteOutcome(counts: VoteCounts, rule: VoteRule, numbers: VoteBaseNumbers): VoteOutcome {
  const base = baseCount(rule, numbers);
  const percent = base === 0 ? 0 : Math.round((counts.for / base) * 1000) / 10;
  const passed = base > 0 && (rule.threshold === 'more_than_half' ? counts.for * 2 > base : counts.for * 3 >= base * 2);
  return { base, percent, passed };
}
