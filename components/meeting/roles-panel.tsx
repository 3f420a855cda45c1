'use client';

import { operationAction } from '../../app/actions/operation';
import { useId, useState } from 'react';
import { meetingSchemas, refusalOf } from './form-check';
import type { MeetingMember } from '../../lib/meeting-view';
import { useI18n } from '../i18n-provider';
import { useLiveMeeting } from './live-meeting-provider';
import { OperationError } from './operation-error';
import { useMeetingStatus } from './use-meeting-status';
import { useOperation } from './use-operation';

/**
 * Who chairs (chủ trì) and who takes the minutes (thư ký). Everyone sees the
 * appointment; the cell's managers choose, before or while the meeting opens.
 */
export function RolesPanel() {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const status = useMeetingStatus();
  const nameOf = (userId: string | null) =>
    view.members.find((m) => m.userId === userId)?.name ?? t('meetingRoles.notChosen');
  return (
    <section className="panel" aria-labelledby="roles-heading" data-testid="roles-panel">
      <h2 id="roles-heading">{t('meetingRoles.title')}</h2>
      <dl className="facts" data-testid="roles-summary">
        <dt>{t('meetingRoles.chair')}</dt>
        <dd data-testid="roles-chair-name">{nameOf(status.chairId)}</dd>
        <dt>{t('meetingRoles.secretary')}</dt>
        <dd data-testid="roles-secretary-name">{nameOf(status.secretaryId)}</dd>
      </dl>
      {status.manage && !status.ended && (
        // Remounted when the live appointment changes, so the selects start from it.
        <RolesForm
          key={`${status.chairId}|${status.secretaryId}`}
          chairId={status.chairId}
          secretaryId={status.secretaryId}
        />
      )}
    </section>
  );
}

function RolesForm({ chairId, secretaryId }: { chairId: string | null; secretaryId: string | null }) {
  const { t, has } = useI18n();
  const { view } = useLiveMeeting();
  const op = useOperation(t('errors.network'));
  const candidates = view.members.filter((m) => m.status !== 'exempted');
  const [chair, setChair] = useState(chairId ?? defaultChair(candidates) ?? '');
  const [secretary, setSecretary] = useState(secretaryId ?? '');
  const chairField = useId();
  const secretaryField = useId();

  async function save() {
    const parsed = (await meetingSchemas()).sessionRolesSchema.safeParse({
      meetingId: view.id,
      chairId: chair,
      secretaryId: secretary,
    });
    if (!parsed.success) {
      const refusal = await refusalOf(t, has, parsed.error);
      op.refuse(refusal.message, refusal.fields);
      return;
    }
    await op.run(() => operationAction('setRoles', parsed.data));
  }

  return (
    <form
      className="form"
      data-testid="roles-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="form-row">
        <div className="field">
          <label htmlFor={chairField}>{t('meetingRoles.chair')}</label>
          <MemberSelect id={chairField} value={chair} onChange={setChair} members={candidates} testId="roles-chair" />
          <OperationError message={op.fields.chairId ?? null} />
        </div>
        <div className="field">
          <label htmlFor={secretaryField}>{t('meetingRoles.secretary')}</label>
          <MemberSelect
            id={secretaryField}
            value={secretary}
            onChange={setSecretary}
            members={candidates}
            testId="roles-secretary"
          />
          <OperationError message={op.fields.secretaryId ?? null} />
        </div>
      </div>
      <OperationError message={Object.keys(op.fields).length > 0 ? null : op.error} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={op.pending} data-testid="roles-save">
          {op.pending ? t('forms.saving') : t('meetingRoles.save')}
        </button>
      </div>
    </form>
  );
}

/** The cell's secretary usually chairs. */
function defaultChair(members: readonly MeetingMember[]): string | undefined {
  return (
    members.find((m) => m.role === 'secretary')?.userId ?? members.find((m) => m.role === 'deputy_secretary')?.userId
  );
}

function MemberSelect({
  id,
  value,
  onChange,
  members,
  testId,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  members: readonly MeetingMember[];
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
      <option value="">{t('meetingRoles.choose')}</option>
      {members.map((member) => (
        <option key={member.userId} value={member.userId}>
          {member.name}
        </option>
      ))}
    </select>
  );
}
