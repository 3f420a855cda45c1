import { todayIso } from '../../../lib/format';
import { oversightCsv, parsePeriod } from '../../../lib/oversight';
import { getI18n } from '../../../server/i18n';
import { getRuntime } from '../../../server/runtime';
import { getCurrent } from '../../../server/web/session';

/**
 * The committee overview of a period as a CSV file, the same figures as the
 * page, for the reader's own spreadsheets and reports. A wrong period is
 * answered 400 with the reason, never with another period's figures.
 */
export async function GET(request: Request): Promise<Response> {
  const current = await getCurrent();
  if (!current) return new Response(null, { status: 401 });
  const { t, timeZone } = await getI18n();
  const url = new URL(request.url);
  const { period, error } = parsePeriod(
    { from: url.searchParams.get('from') ?? undefined, to: url.searchParams.get('to') ?? undefined },
    todayIso(timeZone),
  );
  if (error) {
    return new Response(t(`oversight.periodError.${error}`), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const { cells, months } = await getRuntime().meetings.records.oversight(current.user, period);
  const csv = oversightCsv(cells, months, {
    headings: [
      t('oversight.csv.cell'),
      t('oversight.csv.month'),
      t('oversight.csv.meeting'),
      t('oversight.csv.kind'),
      t('oversight.csv.state'),
      t('oversight.csv.duration'),
      t('oversight.csv.minimum'),
      t('oversight.csv.present'),
      t('oversight.csv.expected'),
      t('oversight.csv.rate'),
      t('oversight.csv.absentWithoutReason'),
      t('oversight.csv.notHeld'),
      t('oversight.csv.probationary'),
      t('oversight.csv.overdueTasks'),
    ],
    kind: (kind) => t(`meetingKind.${kind}`),
    state: (state) => t(`meetingState.${state}`),
    notHeld: (reason) => t(`notHeld.reason.${reason}`),
    none: t('oversight.csv.none'),
  });
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="bienban-${period.from}-${period.to}.csv"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}
