'use client';

import type { VoteRecord } from '../../lib/meeting-doc/layout';
import { formatDecimal, formatInstant } from '../../lib/format';
import { useI18n } from '../i18n-provider';

/**
 * A vote as the minutes record it: what was voted on and how, then
 * "x/y đồng chí có mặt tán thành (z%)" against the base of the cell's rule,
 * those against, other opinions quoted, and whether it passed. While the vote
 * is open it says so. Shown in the votes panel and inside the minutes.
 */
export function VoteSummary({ vote, testId }: { vote: VoteRecord; testId: string }) {
  const { t, locale, timeZone } = useI18n();
  const closed = vote.state === 'closed';
  const counts = vote.counts;
  return (
    <div
      className={`vote-summary vote-summary--${closed ? (vote.passed ? 'passed' : 'failed') : 'open'}`}
      data-testid={testId}
      data-vote-id={vote.id}
      data-state={vote.state}
      data-passed={closed ? String(vote.passed === true) : undefined}
    >
      <p className="vote-summary__title">
        <strong>
          {t(`votes.subject.${vote.subject}`)}: {vote.title}
        </strong>
      </p>
      <p className="vote-summary__method">{t('votes.methodLine', { method: t(`votes.method.${vote.method}`) })}</p>
      {!closed && <p className="vote-summary__open">{t('votes.inProgress')}</p>}
      {(vote.reopenings ?? []).map((reopening) => (
        <p key={reopening.at} className="vote-summary__reopened muted" data-testid="vote-reopened">
          {t('votes.reopened', { time: formatInstant(reopening.at, locale, timeZone) })}
        </p>
      ))}
      {closed && counts && (
        <>
          {vote.countedFrom && (
            <p className="muted" data-testid="vote-counted-from">
              {t(`votes.countedFrom.${vote.countedFrom}`)}
            </p>
          )}
          <p data-testid="vote-for-line">
            {t(`votes.forLine.${vote.rule?.base ?? 'present'}`, {
              for: counts.for,
              base: vote.base ?? vote.present ?? 0,
              percent: formatDecimal(vote.percent ?? 0, locale),
            })}
          </p>
          <p>{t('votes.againstLine', { count: counts.against })}</p>
          <p>
            {t('votes.otherLine', { count: counts.other })}
            {vote.otherOpinions ? `: «${vote.otherOpinions}»` : ''}
          </p>
          <p className="vote-summary__outcome">
            <strong>{vote.passed ? t('votes.passed') : t('votes.notPassed')}</strong>
            {vote.rule && (
              <span className="muted">
                {' '}
                ({t('votes.ruleNote', { threshold: t(`votes.threshold.${vote.rule.threshold}`) })})
              </span>
            )}
          </p>
        </>
      )}
    </div>
  );
}
