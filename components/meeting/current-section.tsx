'use client';

import { operationAction } from '../../app/actions/operation';
import { useId } from 'react';
import { useI18n } from '../i18n-provider';
import { useLiveMeeting } from './live-meeting-provider';
import { OperationError } from './operation-error';
import { useLiveSession } from './use-live-state';
import { useMeetingStatus } from './use-meeting-status';
import { useOperation } from './use-operation';
import { useSections } from './use-sections';

/**
 * The item under discussion. New opinions and vote results are placed at the
 * end of this section of the minutes; the chair or the minutes-taker moves it
 * along the agenda, everyone else sees where the meeting is.
 */
export function CurrentSection() {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const { record, ended } = useMeetingStatus();
  const { currentSectionId } = useLiveSession();
  const sections = useSections();
  const op = useOperation(t('errors.network'));
  const selectId = useId();
  const current = sections.find((s) => s.sectionId === currentSectionId);

  return (
    <section className="panel" aria-labelledby="section-heading" data-testid="current-section-panel">
      <h2 id="section-heading">{t('section.title')}</h2>
      {record && !ended ? (
        <div className="field">
          <label htmlFor={selectId}>{t('section.choose')}</label>
          <select
            id={selectId}
            value={currentSectionId ?? ''}
            disabled={op.pending || sections.length === 0}
            onChange={(event) => {
              const sectionId = event.target.value;
              if (sectionId) void op.run(() => operationAction('setCurrentSection', { meetingId: view.id, sectionId }));
            }}
            data-testid="current-section"
          >
            <option value="">{t('section.none')}</option>
            {sections.map((section) => (
              <option key={section.sectionId} value={section.sectionId}>
                {'\u00a0\u00a0'.repeat(Math.max(0, section.level - 2))}
                {section.title || section.sectionId}
              </option>
            ))}
          </select>
          <span className="field__hint">{t('section.hint')}</span>
        </div>
      ) : (
        <p data-testid="current-section" data-section-id={currentSectionId ?? ''}>
          {current ? current.title : t('section.none')}
        </p>
      )}
      <OperationError message={op.error} />
    </section>
  );
}
