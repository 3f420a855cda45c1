import Link from 'next/link';
import { exportPath, printPath, VERIFY_PATH } from '../../lib/export';
import type { Translate } from '../../lib/i18n';

/**
 * Downloads of the minutes as the formal document (Word, PDF) and its print
 * version, for those the policy lets export them (the page asks it), and
 * the same for the resolution drawn from them ("Decisions and action items"
 * for a generic meeting). Before approval the files say they are a draft;
 * secret minutes say who may take them and that the taking is recorded.
 */
export function ExportLinks({
  t,
  meetingId,
  approved,
  secret,
  generic,
}: {
  t: Translate;
  meetingId: string;
  approved: boolean;
  secret: boolean;
  generic: boolean;
}) {
  const resolution = t(generic ? 'export.resolution.genericTitle' : 'export.resolution.title');
  return (
    <section className="card export-links no-print" aria-labelledby="export-heading" data-testid="export-links">
      <h2 id="export-heading">{t('export.title')}</h2>
      {!approved && <p className="muted">{t('export.draftNote')}</p>}
      {secret && <p className="muted">{t('export.secretNote')}</p>}
      <p className="export-links__row">
        <a className="button button--secondary" href={exportPath(meetingId, 'docx')} data-testid="export-docx">
          {t('export.docx')}
        </a>
        <a className="button button--secondary" href={exportPath(meetingId, 'pdf')} data-testid="export-pdf">
          {t('export.pdf')}
        </a>
        <Link className="button button--ghost" href={printPath(meetingId)} data-testid="export-print">
          {t('export.print')}
        </Link>
      </p>
      <h3>{resolution}</h3>
      <p className="muted">{t('export.resolution.note')}</p>
      <p className="export-links__row" data-testid="export-resolution">
        <a
          className="button button--secondary"
          href={exportPath(meetingId, 'docx', 'resolution')}
          data-testid="export-resolution-docx"
        >
          {t('export.resolution.docx', { title: resolution })}
        </a>
        <a
          className="button button--secondary"
          href={exportPath(meetingId, 'pdf', 'resolution')}
          data-testid="export-resolution-pdf"
        >
          {t('export.resolution.pdf', { title: resolution })}
        </a>
        <Link
          className="button button--ghost"
          href={printPath(meetingId, 'resolution')}
          data-testid="export-resolution-print"
        >
          {t('export.resolution.print', { title: resolution })}
        </Link>
      </p>
      {approved && (
        <p>
          <Link href={VERIFY_PATH}>{t('export.verifyLink')}</Link>
        </p>
      )}
    </section>
  );
}
