import Link from 'next/link';
import { getI18n } from '../server/i18n';

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <section className="page-narrow" data-testid="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link href="/" className="button">
          {t('notFound.home')}
        </Link>
      </p>
    </section>
  );
}
