import type { Metadata } from 'next';
import Link from 'next/link';
import { formatDecimal, todayIso } from '../../lib/format';
import type { Locale, Translate } from '../../lib/i18n';
import {
  attendanceRate,
  monthlyTotals,
  parsePeriod,
  wasHeld,
  wasShort,
  type OversightMeeting,
} from '../../lib/oversight';
import { OversightChart } from '../../components/oversight-chart';
import { getI18n } from '../../server/i18n';
import { getRuntime } from '../../server/runtime';
import { requireCurrent } from '../../server/web/session';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('oversight.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const percent = (rate: number | null, locale: Locale) =>
  rate === null ? '–' : `${formatDecimal(rate * 100, locale)}%`;

/**
 * The committee's overview: its cells (those the reader oversees, belongs
 * to, or all for an administrator) by month over a period: held or not,
 * approved or not, duration against the minimum, attendance, absences
 * without reason; the cell's probationary members and overdue tasks; the
 * same figures as a CSV file.
 */
export default async function OversightPage({ searchParams }: { searchParams: SearchParams }) {
  const { t, locale, timeZone } = await getI18n();
  const params = await searchParams;
  const { user } = await requireCurrent('/committee');
  const { period, error } = parsePeriod({ from: params.from, to: params.to }, todayIso(timeZone));
  const { cells, months } = await getRuntime().meetings.records.oversight(user, period);
  const totals = monthlyTotals(cells, months);
  const csvHref = `/committee/export?from=${period.from}&to=${period.to}`;

  return (
    <>
      <h1>{t('oversight.title')}</h1>
      <p className="muted">{t('oversight.intro')}</p>
      <form className="form archive-filters card" method="get" action="/committee" data-testid="oversight-period">
        <div className="archive-filters__fields">
          <label>
            {t('oversight.from')}
            <input type="month" name="from" defaultValue={period.from} data-testid="oversight-from" />
          </label>
          <label>
            {t('oversight.to')}
            <input type="month" name="to" defaultValue={period.to} data-testid="oversight-to" />
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" data-testid="oversight-apply">
            {t('oversight.apply')}
          </button>
          <a className="button button--secondary" href={csvHref} download data-testid="oversight-csv">
            {t('oversight.csvLink')}
          </a>
        </div>
      </form>
      {error && (
        <p className="notice notice--warning" role="alert" data-testid="oversight-period-error">
          {t(`oversight.periodError.${error}`)}
        </p>
      )}
      {cells.length === 0 ? (
        <p className="muted">{t('oversight.noCells')}</p>
      ) : (
        <div className="table-scroll" data-testid="oversight-table-wrap">
          <table className="oversight-table" data-testid="oversight-table">
            <caption className="visually-hidden">{t('oversight.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('oversight.cell')}</th>
                {months.map((month) => (
                  <th scope="col" key={month}>
                    {monthLabel(month)}
                  </th>
                ))}
                <th scope="col">{t('oversight.probationary')}</th>
                <th scope="col">{t('oversight.overdueTasks')}</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((cell) => (
                <tr key={cell.cellId} data-testid="oversight-row" data-cell-id={cell.cellId}>
                  <th scope="row">
                    <Link href={`/archive?cell=${cell.cellId}`}>{cell.cellName}</Link>
                  </th>
                  {months.map((month) => (
                    <td key={month} data-testid="oversight-month" data-month={month}>
                      <MonthCell t={t} locale={locale} meetings={cell.months[month] ?? []} />
                    </td>
                  ))}
                  <td data-testid="oversight-probationary">{cell.probationary}</td>
                  <td data-testid="oversight-overdue">{cell.overdueTasks}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('oversight.totals')}</th>
                {totals.map((total) => (
                  <td key={total.month} data-testid="oversight-total" data-month={total.month}>
                    {t('oversight.cellsMet', { met: total.cellsMet, cells: total.cells })}
                    <br />
                    {percent(total.attendanceRate, locale)}
                  </td>
                ))}
                <td />
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p className="muted">{t('oversight.legend')}</p>
      {cells.length > 0 && <OversightChart points={totals} />}
    </>
  );
}

/** "12/2026": short enough for a column. */
function monthLabel(month: string): string {
  return `${Number(month.slice(5))}/${month.slice(0, 4)}`;
}

function MonthCell({ t, locale, meetings }: { t: Translate; locale: Locale; meetings: OversightMeeting[] }) {
  if (meetings.length === 0) {
    return (
      <span className="oversight-mark oversight-mark--none" data-state="none">
        {t('oversight.none')}
      </span>
    );
  }
  return (
    <ul className="plain-list oversight-meetings">
      {meetings.map((m) => (
        <li key={m.id} data-testid="oversight-meeting" data-state={m.state} data-short={wasShort(m) ? 'true' : 'false'}>
          <Link href={`/meetings/${m.id}`} className={`oversight-mark oversight-mark--${m.state}`}>
            {t(`meetingState.${m.state}`)}
          </Link>
          {m.kind !== 'regular' && <span className="muted"> · {t(`meetingKind.${m.kind}`)}</span>}
          {m.notHeld && <div className="muted">{t(`notHeld.reason.${m.notHeld.reason}`)}</div>}
          {m.durationMinutes !== null && (
            <div className={wasShort(m) ? 'oversight-short' : undefined}>
              {t('oversight.duration', { minutes: m.durationMinutes })}
              {wasShort(m) && <> · {t('oversight.short', { minimum: m.minimumMinutes })}</>}
            </div>
          )}
          {wasHeld(m) && (
            <div>
              {t('oversight.attendance', { present: m.present, expected: m.expected })} (
              {percent(attendanceRate([m]), locale)})
              {m.absentWithoutReason > 0 && (
                <span className="oversight-short">
                  {' '}
                  · {t('oversight.absentWithoutReason', { count: m.absentWithoutReason })}
                </span>
              )}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
