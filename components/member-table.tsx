import type { ReactNode } from 'react';
import type { Translate } from '../lib/i18n';
import type { MemberRow } from '../server/services/organisations';

/**
 * The cell's members. `actionsFor` renders the manager's per-member controls
 * (invite links); without it the table has no actions column.
 */
export function MemberTable({
  t,
  members,
  actionsFor,
}: {
  t: Translate;
  members: readonly MemberRow[];
  actionsFor?: (member: MemberRow) => ReactNode;
}) {
  if (members.length === 0) return <p className="muted">{t('members.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="stack-table" data-testid="member-table">
        <thead>
          <tr>
            <th scope="col">{t('fields.fullName')}</th>
            <th scope="col">{t('fields.contact')}</th>
            <th scope="col">{t('fields.role')}</th>
            <th scope="col">{t('fields.memberStatus')}</th>
            <th scope="col">{t('members.password')}</th>
            {actionsFor && <th scope="col">{t('members.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.membershipId} data-testid="member-row">
              <td data-label={t('fields.fullName')}>{member.name}</td>
              <td data-label={t('fields.contact')}>{[member.email, member.phone].filter(Boolean).join(' · ')}</td>
              <td data-label={t('fields.role')}>{t(`roles.${member.role}`)}</td>
              <td data-label={t('fields.memberStatus')}>{t(`memberStatus.${member.status}`)}</td>
              <td data-label={t('members.password')} data-testid="member-password">
                {member.hasPassword ? t('members.passwordSet') : t('members.passwordNotSet')}
              </td>
              {actionsFor && <td data-label={t('members.actions')}>{actionsFor(member)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
