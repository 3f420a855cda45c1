'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { useI18n } from '../components/i18n-provider';

/** Any error below the root layout: a plain apology, a retry and a way home. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <section className="page-narrow" role="alert" data-testid="error-page">
      <h1>{t('error.title')}</h1>
      <p>{t('error.body')}</p>
      {digest && <p className="muted">{t('error.reference', { digest })}</p>}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => retry()}>
          {t('error.retry')}
        </button>
        <Link href="/" className="button button--secondary">
          {t('notFound.home')}
        </Link>
      </div>
    </section>
  );
}
