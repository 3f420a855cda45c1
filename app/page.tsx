import Link from 'next/link';
import { redirect } from 'next/navigation';
import { CreateCellForm } from '../components/create-cell-form';
import { MeetingList, toMeetingListItem } from '../components/meeting-list';
import { OfflineNotice } from '../components/offline-notice';
import { Reminders } from '../components/reminders';
import { ServiceWorkerRegistrar } from '../components/service-worker-registrar';
import { splitByDate, todayIso } from '../lib/format';
import { canManageOrganisations } from '../lib/policy';
import { getI18n } from '../server/i18n';
import { getRuntime } from '../server/runtime';
import { remindersFor } from '../server/sharing/reminders';
import { requireCurrent } from '../server/web/session';

/** How many past meetings each cell shows here; the cell page lists them all. */
const PAST_PER_CELL = 5;

/** An empty installation starts at setup; otherwise the user's cells and their meetings. */
export default async function HomePage() {
  const { t, locale, timeZone } = await getI18n();
  const { organisations } = getRuntime().services;
  const { records } = getRuntime().meetings;
  if (!(await organisations.isSetupComplete())) redirect('/setup');
  const { user, subject } = await requireCurrent('/');

  const cells = await organisations.cellsFor(subject);
  const withMeetings = await Promise.all(
    cells.map(async (cell) => ({
      cell,
      ...splitByDate((await records.listMeetings(user, cell.id)).map(toMeetingListItem), todayIso(timeZone)),
    })),
  );
  const admin = canManageOrganisations(subject);
  const committees = admin ? await organisations.listCommittees() : [];
  // Reminders are for those who take part in a cell; an administrator or overseer alone has none.
  const reminders = await remindersFor(getRuntime().services, records, timeZone, user);

  return (
    <>
      <h1>{t('dashboard.greeting', { name: user.name })}</h1>
      <OfflineNotice messageKey="dashboard.offline" />
      {reminders.member && <Reminders t={t} locale={locale} data={reminders} />}
      {cells.length === 0 && (
        <div className="notice" data-testid="no-cells">
          <p>{t('dashboard.noCells')}</p>
        </div>
      )}
      <ul className="plain-list" data-testid="cell-list">
        {withMeetings.map(({ cell, upcoming, past }) => (
          <li key={cell.id} className="card" data-testid="cell-card">
            <h2>
              <Link href={`/cells/${cell.id}`}>{cell.name}</Link>
            </h2>
            {cell.committeeName && <p className="muted">{t('cells.underCommittee', { name: cell.committeeName })}</p>}
            <h3>{t('dashboard.upcoming')}</h3>
            <MeetingList
              t={t}
              locale={locale}
              meetings={upcoming}
              empty={t('dashboard.noUpcoming')}
              testId="upcoming-meetings"
            />
            <h3>{t('dashboard.past')}</h3>
            <MeetingList
              t={t}
              locale={locale}
              meetings={past.slice(0, PAST_PER_CELL)}
              empty={t('dashboard.noPast')}
              testId="past-meetings"
            />
            <p>
              <Link href={`/cells/${cell.id}`} className="button button--secondary">
                {t('dashboard.openCell')}
              </Link>
            </p>
          </li>
        ))}
      </ul>
      {admin && committees.length > 0 && (
        <section className="card" aria-labelledby="new-cell-heading">
          <h2 id="new-cell-heading">{t('cells.newTitle')}</h2>
          <CreateCellForm committees={committees.map((c) => ({ id: c.id, name: c.name }))} />
        </section>
      )}
      {/* The installed app starts here: kept on the device for this member, so it opens without a network. */}
      <ServiceWorkerRegistrar keepOffline />
    </>
  );
}
