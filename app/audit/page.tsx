import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatInstant } from '../../lib/format';
import { auditCells } from '../../lib/policy';
import { getI18n } from '../../server/i18n';
import { getRuntime } from '../../server/runtime';
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE } from '../../server/services/audit';
import { isId } from '../../server/web/action-guard';
import { requireCurrent } from '../../server/web/session';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('audit.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The audit log: who signed in (and who failed), who read approved minutes,
 * who changed roles and members, sealed, amended, revoked. Administrators
 * read all of it; a cell's secretary and deputy what concerns their cells.
 * Newest first, a page at a time.
 */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const { t, locale, timeZone } = await getI18n();
  const query = await searchParams;
  const { subject } = await requireCurrent('/audit');
  const allowed = auditCells(subject);
  if (allowed !== null && allowed.length === 0) notFound();

  const cellParam = typeof query.cell === 'string' && isId(query.cell) ? query.cell : undefined;
  if (cellParam && allowed !== null && !allowed.includes(cellParam)) notFound();
  const action =
    typeof query.action === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(query.action)
      ? query.action
      : undefined;
  const before = typeof query.before === 'string' && /^\d{1,15}$/.test(query.before) ? Number(query.before) : undefined;

  const { audit, organisations } = getRuntime().services;
  const entries = await audit.list({
    cells: cellParam ? [cellParam] : allowed,
    ...(action ? { action } : {}),
    ...(before ? { before } : {}),
    limit: AUDIT_PAGE_SIZE,
  });
  const cells = new Map((await organisations.cellsFor(subject)).map((c) => [c.id, c.name]));
  const older = entries.length === AUDIT_PAGE_SIZE ? entries[entries.length - 1]!.id : null;
  const link = (extra: Record<string, string>) => {
    const params = new URLSearchParams({
      ...(cellParam ? { cell: cellParam } : {}),
      ...(action ? { action } : {}),
      ...extra,
    });
    return `/audit?${params.toString()}`;
  };

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t(allowed === null ? 'audit.introAll' : 'audit.introCells')}</p>
      <form method="get" className="form card" data-testid="audit-filter">
        <div className="field">
          <label htmlFor="audit-cell">{t('audit.cell')}</label>
          <select id="audit-cell" name="cell" defaultValue={cellParam ?? ''}>
            {allowed === null && <option value="">{t('audit.allCells')}</option>}
            {Array.from(cells.entries())
              .filter(([id]) => allowed === null || allowed.includes(id))
              .map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select id="audit-action" name="action" defaultValue={action ?? ''}>
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((name) => (
              <option key={name} value={name}>
                {t(`audit.actions.${name}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--secondary">
            {t('audit.show')}
          </button>
        </div>
      </form>
      {entries.length === 0 ? (
        <p className="muted" data-testid="audit-empty">
          {t('audit.none')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="stack-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.about')}</th>
                <th scope="col">{t('audit.where')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-entry" data-action={entry.action}>
                  <td>{formatInstant(entry.at, locale, timeZone)}</td>
                  <td>{t(`audit.actions.${entry.action}`)}</td>
                  <td>{entry.actorName ?? attemptedLogin(entry.details) ?? '—'}</td>
                  <td>
                    {entry.subjectName && <div>{entry.subjectName}</div>}
                    {entry.meetingId && <Link href={`/meetings/${entry.meetingId}`}>{t('audit.meeting')}</Link>}
                    {entry.cellId && cells.has(entry.cellId) && <div className="muted">{cells.get(entry.cellId)}</div>}
                  </td>
                  <td className="muted">{entry.address ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {older !== null && (
        <p>
          <Link href={link({ before: String(older) })} className="button button--secondary" data-testid="audit-older">
            {t('audit.older')}
          </Link>
        </p>
      )}
    </>
  );
}

/** Who a refused sign-in named: `login` (an email or a phone), `email` in entries written before phones signed in. */
function attemptedLogin(details: Record<string, unknown>): string | null {
  const login = details.login ?? details.email;
  return typeof login === 'string' ? login : null;
}
