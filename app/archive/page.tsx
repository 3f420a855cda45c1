import type { Metadata } from 'next';
import Link from 'next/link';
import { groupByYearAndMonth, parseArchiveFilters, archiveYears, type ArchiveEntry } from '../../lib/archive';
import { MEETING_CLASSIFICATIONS, MEETING_KINDS, MEETING_STATES } from '../../lib/domain';
import { formatInstant, formatStartsAt } from '../../lib/format';
import type { Locale, Translate } from '../../lib/i18n';
import { getI18n } from '../../server/i18n';
import { getRuntime } from '../../server/runtime';
import { requireCurrent } from '../../server/web/session';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('archive.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The archive of the cells the reader belongs to or oversees: meetings by
 * year and month, narrowed by a plain GET form so a filtered list is an
 * address that can be kept and shared. Each meeting opens on its own page,
 * read-only once approved, with its seal, amendments and attachments.
 */
export default async function ArchivePage({ searchParams }: { searchParams: SearchParams }) {
  const { t, locale, timeZone } = await getI18n();
  const params = await searchParams;
  const { user } = await requireCurrent('/archive');
  const { filters, errors } = parseArchiveFilters(params);
  const { cells, entries, all } = await getRuntime().meetings.records.archive(user, filters);
  const years = archiveYears(all);
  const groups = groupByYearAndMonth(entries);
  const severalCells = cells.length > 1;

  return (
    <>
      <h1>{t('archive.title')}</h1>
      <p className="muted">{t('archive.intro')}</p>
      <form className="form archive-filters card" method="get" action="/archive" data-testid="archive-filters">
        <div className="archive-filters__fields">
          <label>
            {t('archive.filter.cell')}
            <select name="cell" defaultValue={filters.cellId ?? ''} data-testid="archive-filter-cell">
              <option value="">{t('archive.filter.any')}</option>
              {cells.map((cell) => (
                <option key={cell.id} value={cell.id}>
                  {cell.committeeName ? `${cell.name} · ${cell.committeeName}` : cell.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('archive.filter.year')}
            <select name="year" defaultValue={filters.year ?? ''} data-testid="archive-filter-year">
              <option value="">{t('archive.filter.any')}</option>
              {years.map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('archive.filter.kind')}
            <select name="kind" defaultValue={filters.kind ?? ''} data-testid="archive-filter-kind">
              <option value="">{t('archive.filter.any')}</option>
              {MEETING_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`meetingKind.${kind}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('archive.filter.state')}
            <select name="state" defaultValue={filters.state ?? ''} data-testid="archive-filter-state">
              <option value="">{t('archive.filter.any')}</option>
              {MEETING_STATES.map((state) => (
                <option key={state} value={state}>
                  {t(`meetingState.${state}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('archive.filter.classification')}
            <select
              name="classification"
              defaultValue={filters.classification ?? ''}
              data-testid="archive-filter-classification"
            >
              <option value="">{t('archive.filter.any')}</option>
              {MEETING_CLASSIFICATIONS.map((classification) => (
                <option key={classification} value={classification}>
                  {t(`classification.${classification}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" data-testid="archive-filter-apply">
            {t('archive.filter.apply')}
          </button>
          <Link href="/archive" className="button button--secondary">
            {t('archive.filter.clear')}
          </Link>
        </div>
      </form>

      {errors.length > 0 && (
        <p className="notice notice--warning" role="alert" data-testid="archive-filter-error">
          {t('archive.filterError', { fields: errors.map((field) => t(`archive.filter.${field}`)).join(', ') })}
        </p>
      )}

      <p data-testid="archive-count">{t('archive.count', { count: entries.length })}</p>
      {groups.length === 0 && <p className="muted">{t('archive.none')}</p>}
      {groups.map((year) => (
        <section key={year.year} aria-labelledby={`archive-${year.year}`} data-testid="archive-year">
          <h2 id={`archive-${year.year}`}>{t('archive.year', { year: year.year })}</h2>
          {year.months.map((month) => (
            <section key={month.month} data-testid="archive-month" data-month={`${year.year}-${month.month}`}>
              <h3>{t('archive.month', { month: month.month, year: year.year })}</h3>
              <ul className="plain-list meeting-list">
                {month.entries.map((entry) => (
                  <ArchiveItem
                    key={entry.id}
                    t={t}
                    locale={locale}
                    timeZone={timeZone}
                    entry={entry}
                    showCell={severalCells}
                  />
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </>
  );
}

function ArchiveItem({
  t,
  locale,
  timeZone,
  entry,
  showCell,
}: {
  t: Translate;
  locale: Locale;
  timeZone: string;
  entry: ArchiveEntry;
  showCell: boolean;
}) {
  return (
    <li data-testid="archive-item" data-meeting-id={entry.id} data-state={entry.state}>
      <Link href={`/meetings/${entry.id}`} className="meeting-list__title">
        {entry.title || t(`meetingKind.${entry.kind}`)}
      </Link>
      <div>
        {showCell && <span data-testid="archive-item-cell">{entry.cellName} · </span>}
        {t(`meetingKind.${entry.kind}`)} · <span className="badge">{t(`meetingState.${entry.state}`)}</span>
        {entry.classification === 'secret' && (
          <>
            {' '}
            <span className="badge badge--danger">{t('classification.secret')}</span>
          </>
        )}
      </div>
      <div className="muted">
        {formatStartsAt(entry.startsAt, locale)} · {entry.place}
      </div>
      {entry.notHeld && (
        <div className="archive-item__not-held" data-testid="archive-item-not-held">
          {t(`notHeld.reason.${entry.notHeld.reason}`)}: {entry.notHeld.note}
        </div>
      )}
      {entry.approvedAt && entry.contentHash && (
        <div className="muted archive-item__seal" data-testid="archive-item-seal">
          {t('archive.sealed', {
            when: formatInstant(entry.approvedAt, locale, timeZone),
            hash: entry.contentHash.slice(0, 12),
          })}
        </div>
      )}
    </li>
  );
}
