import type { Metadata } from 'next';
import Link from 'next/link';
import { MEETING_KINDS, MEETING_STATES } from '../../lib/domain';
import { formatStartsAt } from '../../lib/format';
import { MAX_QUERY_LENGTH, SEARCH_PAGE_SIZE, searchFormSchema, type SearchForm } from '../../lib/search/query';
import { getI18n } from '../../server/i18n';
import { getRuntime } from '../../server/runtime';
import type { HitField, SearchOutcome } from '../../server/search/service';
import { requireCurrent } from '../../server/web/session';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('search.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FIELD_LABELS: Record<HitField, string> = {
  minutes: 'search.inMinutes',
  agenda: 'search.inAgenda',
  title: 'search.inTitle',
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Full-text search over the minutes the signed-in user may read: a GET form
 * (the query and filters stay in the address, so a search can be bookmarked
 * or sent on), then one page of meetings, newest first, each with the
 * passage that matched and the matches marked.
 */
export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const { t, locale } = await getI18n();
  const params = await searchParams;
  const { subject } = await requireCurrent('/search');
  const { organisations, search } = getRuntime().services;
  const cells = await organisations.cellsFor(subject);

  const form = searchFormSchema.safeParse({
    q: first(params.q),
    cell: first(params.cell),
    year: first(params.year),
    kind: first(params.kind),
    state: first(params.state),
    offset: first(params.offset),
  });
  const values: Partial<SearchForm> = form.success ? form.data : { q: first(params.q) ?? '' };
  const q = values.q ?? '';
  let outcome: SearchOutcome | null = null;
  if (form.success && q.trim() !== '') {
    const { cell, year, kind, state, offset } = form.data;
    outcome = await search.search(subject, {
      q,
      filters: {
        ...(cell ? { cellId: cell } : {}),
        ...(year !== undefined ? { year } : {}),
        ...(kind ? { kind } : {}),
        ...(state ? { state } : {}),
      },
      offset,
    });
  }
  const error = !form.success ? 'search.badFilters' : outcome && !outcome.ok ? outcome.error : null;

  const pageLink = (offset: number) => {
    const link = new URLSearchParams({ q });
    if (values.cell) link.set('cell', values.cell);
    if (values.year !== undefined) link.set('year', String(values.year));
    if (values.kind) link.set('kind', values.kind);
    if (values.state) link.set('state', values.state);
    if (offset > 0) link.set('offset', String(offset));
    return `/search?${link.toString()}`;
  };

  return (
    <>
      <h1>{t('search.title')}</h1>
      <p className="muted">{t('search.intro')}</p>
      <form method="get" action="/search" className="form card search-form" role="search" data-testid="search-form">
        <div className="field search-form__query">
          <label htmlFor="search-q">{t('search.query')}</label>
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={MAX_QUERY_LENGTH}
            autoComplete="off"
            enterKeyHint="search"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'search-error' : undefined}
          />
        </div>
        <div className="search-form__filters">
          <div className="field">
            <label htmlFor="search-cell">{t('search.cell')}</label>
            <select id="search-cell" name="cell" defaultValue={values.cell ?? ''}>
              <option value="">{t('search.allCells')}</option>
              {cells.map((cell) => (
                <option key={cell.id} value={cell.id}>
                  {cell.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-year">{t('search.year')}</label>
            <input
              id="search-year"
              name="year"
              type="number"
              inputMode="numeric"
              min={1900}
              max={2999}
              defaultValue={values.year ?? ''}
            />
          </div>
          <div className="field">
            <label htmlFor="search-kind">{t('search.kind')}</label>
            <select id="search-kind" name="kind" defaultValue={values.kind ?? ''}>
              <option value="">{t('search.allKinds')}</option>
              {MEETING_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`meetingKind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-state">{t('search.state')}</label>
            <select id="search-state" name="state" defaultValue={values.state ?? ''}>
              <option value="">{t('search.allStates')}</option>
              {MEETING_STATES.map((state) => (
                <option key={state} value={state}>
                  {t(`meetingState.${state}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
        </div>
      </form>

      {error && (
        <p className="notice notice--error" role="alert" id="search-error" data-testid="search-error">
          {t(error)}
        </p>
      )}

      {outcome?.ok && outcome.hits.length === 0 && (
        <p className="muted" data-testid="search-empty">
          {t('search.none')}
        </p>
      )}

      {outcome?.ok && outcome.hits.length > 0 && (
        <section aria-labelledby="search-results-heading">
          <h2 id="search-results-heading">
            {t('search.results', { from: outcome.offset + 1, to: outcome.offset + outcome.hits.length })}
          </h2>
          <ol className="plain-list search-results" data-testid="search-results">
            {outcome.hits.map((hit) => (
              <li key={hit.meetingId} className="card search-hit" data-testid="search-hit">
                <h3 className="search-hit__title">
                  <Link href={`/meetings/${hit.meetingId}`}>{hit.title}</Link>
                </h3>
                <p className="muted search-hit__meta">
                  {[
                    hit.cellName,
                    formatStartsAt(hit.startsAt, locale),
                    t(`meetingKind.${hit.kind}`),
                    t(`meetingState.${hit.state}`),
                    ...(hit.classification === 'secret' ? [t('classification.secret')] : []),
                  ].join(' · ')}
                </p>
                {hit.snippet ? (
                  <p className="search-hit__snippet">
                    <span className="search-hit__field">{t(FIELD_LABELS[hit.field])}: </span>
                    {hit.snippet.before && '… '}
                    {hit.snippet.parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}
                    {hit.snippet.after && ' …'}
                  </p>
                ) : (
                  <p className="muted search-hit__snippet">{t('search.noSnippet')}</p>
                )}
              </li>
            ))}
          </ol>
          <nav className="search-pages" aria-label={t('search.pages')}>
            {outcome.offset > 0 && (
              <Link href={pageLink(Math.max(0, outcome.offset - SEARCH_PAGE_SIZE))} className="button button--ghost">
                {t('search.newer')}
              </Link>
            )}
            {outcome.more && (
              <Link
                href={pageLink(outcome.offset + SEARCH_PAGE_SIZE)}
                className="button button--ghost"
                data-testid="search-more"
              >
                {t('search.older')}
              </Link>
            )}
          </nav>
        </section>
      )}
    </>
  );
}
