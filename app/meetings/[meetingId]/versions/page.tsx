import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { VersionDiff } from '../../../../components/version-diff';
import { formatInstant } from '../../../../lib/format';
import type { Translate } from '../../../../lib/i18n';
import { CURRENT_VERSION, versionsPath } from '../../../../lib/minutes/versions';
import { isAppError } from '../../../../server/errors';
import { getI18n } from '../../../../server/i18n';
import type { VersionSummary } from '../../../../server/meeting/versions';
import { getRuntime } from '../../../../server/runtime';
import { isId } from '../../../../server/web/action-guard';
import { requireCurrent } from '../../../../server/web/session';

type Params = Promise<{ meetingId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('versions.pageTitle') };
}

const versionTitle = (t: Translate, v: Pick<VersionSummary, 'name' | 'label'>) =>
  v.name === 'manual' ? t('versions.name.manual', { label: v.label ?? '' }) : t(`versions.name.${v.name}`);

/** One side of the comparison, chosen among the versions (and "now" while the minutes are written). */
function SideChoice({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: 'from' | 'to';
  value: string | null;
  options: readonly { id: string; title: string }[];
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ''} data-testid={`version-${name}`}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** ?from=…&to=…, each a version of this meeting or "current"; anything else is not a side. */
function chosen(params: Record<string, string | string[] | undefined>, key: string, sides: ReadonlySet<string>) {
  const value = params[key];
  return typeof value === 'string' && sides.has(value) ? value : null;
}

/**
 * The minutes' named versions, oldest first, and the comparison of any two:
 * a plain GET form chooses them, so a comparison is an address to keep.
 * Who sees it is the policy's canReadVersions: the cell at any time, its
 * overseers once the minutes are approved.
 */
export default async function VersionsPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { t, locale, timeZone } = await getI18n();
  const { meetingId } = await params;
  const query = await searchParams;
  const { user } = await requireCurrent(versionsPath(meetingId));
  if (!isId(meetingId)) notFound();
  const versions = getRuntime().meetings.versions;
  let history;
  try {
    history = await versions.history(user, meetingId);
  } catch (error) {
    // As on the meeting page, a refusal looks like a missing meeting.
    if (isAppError(error) && (error.status === 404 || error.status === 403)) notFound();
    throw error;
  }
  const { meeting, live } = history;
  const sides = new Set([...history.versions.map((v) => v.id), ...(live ? [CURRENT_VERSION] : [])]);
  const asked = 'from' in query || 'to' in query;
  const from = chosen(query, 'from', sides) ?? history.versions[0]?.id ?? null;
  const to = chosen(query, 'to', sides) ?? (live ? CURRENT_VERSION : (history.versions.at(-1)?.id ?? null));
  const badChoice = asked && (!chosen(query, 'from', sides) || !chosen(query, 'to', sides));
  const comparison = from && to ? await versions.compare(user, meetingId, from, to) : null;
  const titleOf = (id: string) => {
    if (id === CURRENT_VERSION) return t('versions.current');
    const v = history.versions.find((x) => x.id === id);
    return v ? `${versionTitle(t, v)} (${formatInstant(v.createdAt, locale, timeZone)})` : id;
  };
  const options = [
    ...history.versions.map((v) => ({ id: v.id, title: titleOf(v.id) })),
    ...(live ? [{ id: CURRENT_VERSION, title: t('versions.current') }] : []),
  ];

  return (
    <div className="versions-page">
      <p className="breadcrumb">
        <Link href={`/meetings/${meeting.id}`}>{meeting.title}</Link>
      </p>
      <h1>{t('versions.pageTitle')}</h1>
      <p className="muted">{t('versions.intro')}</p>
      {history.versions.length === 0 ? (
        <p data-testid="versions-none">{t('versions.none')}</p>
      ) : (
        <ol className="card versions-list" aria-label={t('versions.listLabel')} data-testid="versions-list">
          {history.versions.map((v) => (
            <li key={v.id} data-testid="version-item" data-name={v.name}>
              <strong>{versionTitle(t, v)}</strong> · {formatInstant(v.createdAt, locale, timeZone)}
              {v.createdByName && <> · {t('versions.by', { name: v.createdByName })}</>}
              <br />
              <span className="muted">
                {t('versions.hash')}: <code>{v.hash.slice(0, 12)}</code>
              </span>
            </li>
          ))}
        </ol>
      )}
      {options.length > 1 && (
        <form className="form card versions-choice" method="get" data-testid="versions-choice">
          <SideChoice label={t('versions.from')} name="from" value={from} options={options} />
          <SideChoice label={t('versions.to')} name="to" value={to} options={options} />
          <div className="form-actions">
            <button type="submit" className="button" data-testid="version-compare">
              {t('versions.compare')}
            </button>
          </div>
        </form>
      )}
      {badChoice && (
        <p className="notice notice--warning" role="alert" data-testid="versions-bad-choice">
          {t('errors.version_not_found')}
        </p>
      )}
      {comparison && from && to && (
        <section aria-labelledby="comparison-heading" data-testid="versions-comparison">
          <h2 id="comparison-heading">{t('versions.comparing', { from: titleOf(from), to: titleOf(to) })}</h2>
          {comparison.added + comparison.removed + comparison.changed === 0 ? (
            <p data-testid="versions-same">{t('versions.noChanges')}</p>
          ) : (
            <>
              <p data-testid="versions-summary">
                {t('versions.summary', {
                  added: comparison.added,
                  removed: comparison.removed,
                  changed: comparison.changed,
                })}
              </p>
              <VersionDiff t={t} rows={comparison.rows} />
            </>
          )}
        </section>
      )}
      <p>
        <Link href={`/meetings/${meeting.id}`}>{t('versions.backToMeeting')}</Link>
      </p>
    </div>
  );
}
