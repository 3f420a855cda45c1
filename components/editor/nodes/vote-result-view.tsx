'use client';

import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { meetingDoc } from '../../../lib/meeting-doc/layout';
import { useI18n } from '../../i18n-provider';
import { useLiveMap } from '../../meeting/use-live-state';
import { VoteSummary } from '../../meeting/vote-summary';

/** A vote's place in the minutes, rendered from the live vote record (counts are never typed into the text). */
export function VoteResultView({ node }: ReactNodeViewProps) {
  const { t } = useI18n();
  const votes = useLiveMap(meetingDoc.votes);
  const voteId = typeof node.attrs.voteId === 'string' ? node.attrs.voteId : '';
  const vote = votes.get(voteId);
  return (
    <NodeViewWrapper className="minutes-vote" data-testid="minutes-vote-result" data-vote-id={voteId}>
      {vote ? <VoteSummary vote={vote} testId="minutes-vote-summary" /> : <p className="muted">{t('votes.loading')}</p>}
    </NodeViewWrapper>
  );
}
