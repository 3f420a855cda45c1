import Link from 'next/link';
import type { Translate } from '../../lib/i18n';
import { versionsPath } from '../../lib/minutes/versions';
import { SaveVersionForm } from './save-version-form';

/**
 * Under the minutes, for those the policy lets read the versions: how many
 * are kept and the way to compare them; for those who keep the minutes
 * while they are written, the form that saves one.
 */
export function VersionsCard({
  t,
  meetingId,
  count,
  canSave,
}: {
  t: Translate;
  meetingId: string;
  count: number;
  canSave: boolean;
}) {
  return (
    <section className="card no-print" aria-labelledby="versions-heading" data-testid="versions-card">
      <h2 id="versions-heading">{t('versions.title')}</h2>
      <p>
        <Link href={versionsPath(meetingId)} data-testid="versions-link">
          {t('versions.openHistory', { count })}
        </Link>
      </p>
      {canSave && <SaveVersionForm meetingId={meetingId} />}
    </section>
  );
}
