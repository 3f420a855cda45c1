'use client';

import { operationAction } from '../../app/actions/operation';
import { useI18n } from '../i18n-provider';
import { OperationError } from './operation-error';
import { useOperation } from './use-operation';

export interface InviteeCandidate {
  userId: string;
  name: string;
  invited: boolean;
}

/**
 * Họp chi ủy: the cell committee meets alone unless it invites a member of
 * the cell. Only those invited (and the committee) can find and open the
 * meeting; withdrawing an invitation closes their open page at once.
 */
export function InviteeList({
  meetingId,
  candidates,
  canInvite,
}: {
  meetingId: string;
  candidates: readonly InviteeCandidate[];
  canInvite: boolean;
}) {
  const { t } = useI18n();
  const op = useOperation(t('errors.network'));
  return (
    <div data-testid="invitees">
      <p className="muted">{t('invitees.intro')}</p>
      {candidates.length === 0 ? (
        <p className="muted">{t('invitees.none')}</p>
      ) : (
        <ul className="plain-list">
          {candidates.map((person) => (
            <li key={person.userId} data-testid="invitee" data-invited={person.invited ? 'true' : 'false'}>
              <span>{person.name}</span> {person.invited && <span className="badge">{t('invitees.invited')}</span>}{' '}
              {canInvite && (
                <button
                  type="button"
                  className="button button--small button--secondary"
                  disabled={op.pending}
                  onClick={() =>
                    void op.run(() =>
                      operationAction(person.invited ? 'removeInvitee' : 'inviteToMeeting', {
                        meetingId,
                        userId: person.userId,
                      }),
                    )
                  }
                  data-testid={person.invited ? 'invitee-remove' : 'invitee-add'}
                >
                  {person.invited ? t('invitees.remove') : t('invitees.add')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <OperationError message={op.error} />
    </div>
  );
}
