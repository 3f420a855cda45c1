'use client';

import type { Editor } from '@tiptap/react';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { useI18n } from '../i18n-provider';
import { useLiveMap, useLiveSession } from '../meeting/use-live-state';
import { useMeetingStatus } from '../meeting/use-meeting-status';
import { jumpToBlock, jumpToSectionEnd } from './jump';

/**
 * One tap to where the minutes-taker writes next, kept in the sticky
 * toolbar: the opinion of whoever has the floor now, and the end of the
 * section under discussion (where "+ Task" then adds the task).
 */
export function WritingShortcuts({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const { t } = useI18n();
  const status = useMeetingStatus();
  const { currentSectionId } = useLiveSession();
  const speakers = useLiveMap(meetingDoc.speakers);
  if (!status.record) return null;
  const speaking = [...speakers.values()].find((r) => r.state === 'speaking' && r.opinionId);
  return (
    <>
      {speaking && (
        <button
          type="button"
          className="button"
          disabled={disabled}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => jumpToBlock(editor, 'opinion', speaking.opinionId!)}
          data-testid="jump-to-opinion"
        >
          {t('editor.jump.opinion', { name: speaking.name })}
        </button>
      )}
      {currentSectionId && (
        <button
          type="button"
          className="button button--secondary"
          disabled={disabled}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => jumpToSectionEnd(editor, currentSectionId)}
          data-testid="jump-to-section"
        >
          {t('editor.jump.section')}
        </button>
      )}
    </>
  );
}
