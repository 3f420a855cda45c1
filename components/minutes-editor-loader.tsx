'use client';

import dynamic from 'next/dynamic';
import { useI18n } from './i18n-provider';

function EditorLoading() {
  const { t } = useI18n();
  return (
    <div className="minutes-document editor-loading" aria-busy="true" data-testid="minutes-loading">
      <p>{t('editor.loading')}</p>
    </div>
  );
}

// Browser only: server-rendering the editor would load a second copy of yjs into Next's bundle.
const MinutesEditor = dynamic(() => import('./minutes-editor').then((m) => m.MinutesEditor), {
  ssr: false,
  loading: EditorLoading,
});

/** The minutes editor of the page's meeting (inside LiveMeetingProvider), loaded in the browser only. */
export function MinutesEditorLoader() {
  return <MinutesEditor />;
}
