'use client';

import { operationAction } from '../../app/actions/operation';
import { useId, useState } from 'react';
import { sectionMenu } from '../../lib/minutes/section-menu';
import { useI18n } from '../i18n-provider';
import { useLiveMeeting } from './live-meeting-provider';
import { OperationError } from './operation-error';
import { useLiveSession } from './use-live-state';
import { useMeetingStatus } from './use-meeting-status';
import { useOperation } from './use-operation';
import { useSections } from './use-sections';

/** Deeper sections are indented as far as the third step: further would leave a phone's column too narrow. */
const MAX_INDENT = 3;

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
  const groupName = useId();
  const current = sections.find((s) => s.sectionId === currentSectionId);
  const currentTitle = current ? current.title || t('section.untitled') : t('section.none');
  // Folded once an item is chosen: on a phone the list is as long as the agenda, above the speakers and votes.
  // Until someone opens or folds it, it follows whether an item is chosen (the live state arrives after mount).
  const [unfolded, setUnfolded] = useState<boolean | null>(null);
  const open = unfolded ?? !currentSectionId;

  async function choose(sectionId: string) {
    const result = await op.run(() => operationAction('setCurrentSection', { meetingId: view.id, sectionId }));
    if (result?.ok) setUnfolded(false);
  }

  return (
    <section className="panel" aria-labelledby="section-heading" data-testid="current-section-panel">
      <h2 id="section-heading">{t('section.title')}</h2>
      {record && !ended ? (
        <div className="section-menu" data-testid="current-section" data-section-id={currentSectionId ?? ''}>
          <p className="section-menu__current">{currentTitle}</p>
          <details className="section-menu__choices" open={open} data-testid="section-menu">
            <summary
              className="button button--secondary"
              // The page decides whether the list is open, not the browser's own toggle.
              onClick={(event) => {
                event.preventDefault();
                setUnfolded(!open);
              }}
              data-testid="section-menu-toggle"
            >
              {t('section.change')}
            </summary>
            {/*
              Choices to tap rather than a drop-down: a phone's drop-down shows one line per item and cuts the
              titles short, and it cannot show which "1." belongs under which Roman numeral.
            */}
            <fieldset disabled={op.pending || sections.length === 0}>
              <legend className="visually-hidden">{t('section.choose')}</legend>
              <ul className="section-menu__list">
                {sectionMenu(sections).map((entry) => (
                  <li
                    key={entry.sectionId}
                    className="section-menu__entry"
                    data-depth={Math.min(entry.depth, MAX_INDENT)}
                  >
                    <label>
                      <input
                        type="radio"
                        name={groupName}
                        value={entry.sectionId}
                        checked={entry.sectionId === currentSectionId}
                        onChange={() => void choose(entry.sectionId)}
                        data-testid="section-option"
                      />
                      <span>{entry.title || t('section.untitled')}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          </details>
          <p className="field__hint">{t('section.hint')}</p>
        </div>
      ) : (
        <p data-testid="current-section" data-section-id={currentSectionId ?? ''}>
          {currentTitle}
        </p>
      )}
      <OperationError message={op.error} />
    </section>
  );
}
