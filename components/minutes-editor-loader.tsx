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

const loadEditor = () => import('./minutes-editor').then((m) => m.MinutesEditor);

// Asked for as soon as the page's script runs rather than once the page has hydrated and renders the
// editor: the editor is the page's largest script, and on a slow link that wait is one round trip more.
if (typeof window !== 'undefined') void loadEditor();

// Browser only: server-rendering the editor would load a second copy of yjs into Next's bundle.
const MinutesEditor = dynamic(loadEditor, {
  ssr: false,
  loading: EditorLoading,
});

/** The minutes editor of the page's meeting (inside LiveMeetingProvider), loaded in the browser only. */
export function MinutesEditorLoader() {
  return <MinutesEditor />;
}
