'use client';

import dynamic from 'next/dynamic';
import { useI18n } from '../i18n-provider';

function AgendaLoading() {
  const { t } = useI18n();
  return (
    <div className="agenda-document editor-loading" aria-busy="true" data-testid="agenda-loading">
      <p>{t('editor.loading')}</p>
    </div>
  );
}

/** The agenda editor's code; also fetched ahead for offline use (fetchPreparationCode). */
export const loadAgendaEditor = () => import('./agenda-editor').then((m) => m.AgendaEditor);

// Browser only, like the minutes editor: Tiptap's Yjs binding must not load into the server bundle.
const AgendaEditor = dynamic(loadAgendaEditor, {
  ssr: false,
  loading: AgendaLoading,
});

export function AgendaEditorLoader() {
  return <AgendaEditor />;
}
