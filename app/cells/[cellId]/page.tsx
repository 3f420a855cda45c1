import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AddMemberForm } from '../../../components/add-member-form';
import { AddOverseerForm } from '../../../components/add-overseer-form';
import { CellSettingsForm } from '../../../components/cell-settings-form';
import { CreateCellForm } from '../../../components/create-cell-form';
import { CreateMeetingForm } from '../../../components/create-meeting-form';
import { InviteButton } from '../../../components/invite-button';
import { MeetingList, toMeetingListItem } from '../../../components/meeting-list';
import { MemberImport } from '../../../components/member-import';
import { MemberTable } from '../../../components/member-table';
import { RemoveOverseerButton } from '../../../components/remove-overseer-button';
import { canManageCell, canManageCredentials, canManageOrganisations, canViewCell } from '../../../lib/policy';
import { getI18n } from '../../../server/i18n';
import { getRuntime } from '../../../server/runtime';
import { isId } from '../../../server/web/action-guard';
import { getCurrent, requireCurrent } from '../../../server/web/session';
import { addMemberAction, createInviteAction, createMeetingAction } from './actions';
import { sendInviteEmailAction } from './mail-actions';
import { addOverseerAction, removeOverseerAction, saveCellSettingsAction } from './settings-actions';

type Params = Promise<{ cellId: string }>;

/** The cell if the signed-in user may see it; null otherwise (shown as not found). */
async function visibleCell(cellId: string) {
  const current = await getCurrent();
  if (!current || !isId(cellId) || !canViewCell(current.subject, cellId)) return null;
  return getRuntime().services.organisations.getCell(cellId);
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { t } = await getI18n();
  const cell = await visibleCell((await params).cellId);
  return { title: cell?.name ?? t('notFound.title') };
}

export default async function CellPage({ params }: { params: Params }) {
  const { t, locale } = await getI18n();
  const { cellId } = await params;
  const current = await requireCurrent(`/cells/${cellId}`);
  const { subject } = current;
  // A cell the user may not see is reported as missing: its existence is not theirs to know.
  const cell = await visibleCell(cellId);
  if (!cell) notFound();

  const { organisations } = getRuntime().services;
  const manage = canManageCell(subject, cell.id);
  const admin = canManageOrganisations(subject);
  const mailOn = getRuntime().services.mail.transport !== 'off';
  const [members, cellMeetings, committees, settings] = await Promise.all([
    organisations.listMembers(cell.id),
    getRuntime().meetings.records.listMeetings(current.user, cell.id),
    admin ? organisations.listCommittees() : Promise.resolve([]),
    manage ? getRuntime().meetings.records.cellSettings(current.user, cell.id) : Promise.resolve(null),
  ]);

  return (
    <>
      <p className="breadcrumb">
        <Link href="/">{t('header.home')}</Link>
      </p>
      <h1 data-testid="cell-name">{cell.name}</h1>
      {cell.committeeName && <p className="muted">{t('cells.underCommittee', { name: cell.committeeName })}</p>}
      <p>
        <Link href={`/cells/${cell.id}/tasks`} className="button button--secondary" data-testid="task-board-link">
          {t('taskBoard.link')}
        </Link>
      </p>

      <section className="card" aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">{t('meetings.title')}</h2>
        <MeetingList t={t} locale={locale} meetings={cellMeetings.map(toMeetingListItem)} empty={t('meetings.none')} />
      </section>

      {manage && (
        <section className="card" aria-labelledby="new-meeting-heading">
          <h2 id="new-meeting-heading">{t('meetings.new')}</h2>
          <CreateMeetingForm action={createMeetingAction.bind(null, cell.id)} />
        </section>
      )}

      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">{t('members.title', { count: members.length })}</h2>
        <MemberTable
          t={t}
          members={members}
          actionsFor={
            manage
              ? (member) =>
                  // A member known by phone only signs in with the phone; the link goes by Zalo, SMS or QR, not mail.
                  canManageCredentials(subject, member) ? (
                    <InviteButton
                      action={createInviteAction.bind(null, member.userId)}
                      emailAction={mailOn && member.email ? sendInviteEmailAction.bind(null, member.userId) : undefined}
                      memberName={member.name}
                      reset={member.hasPassword}
                    />
                  ) : null
              : undefined
          }
        />
      </section>

      {manage && (
        <section className="card" aria-labelledby="add-member-heading">
          <h2 id="add-member-heading">{t('members.addTitle')}</h2>
          <p className="muted">{t('members.addIntro')}</p>
          <AddMemberForm action={addMemberAction.bind(null, cell.id)} />
        </section>
      )}

      {manage && (
        <section className="card" aria-labelledby="import-members-heading">
          <h2 id="import-members-heading">{t('memberImport.title')}</h2>
          <p className="muted">{t('memberImport.intro')}</p>
          <MemberImport cellId={cell.id} />
        </section>
      )}

      {manage && settings && (
        <section className="card" aria-labelledby="cell-settings-heading">
          <h2 id="cell-settings-heading">{t('cellSettings.title')}</h2>
          <CellSettingsForm
            action={saveCellSettingsAction.bind(null, cell.id)}
            current={{
              voteBase: settings.rules.vote.base,
              voteThreshold: settings.rules.vote.threshold,
              absenceStreak: settings.rules.absenceStreak,
            }}
          />
        </section>
      )}

      {manage && (
        <section className="card" aria-labelledby="overseer-heading">
          <h2 id="overseer-heading">{t('overseers.title')}</h2>
          <p className="muted">{t('overseers.intro')}</p>
          {settings && settings.overseers.length > 0 ? (
            <ul className="plain-list" data-testid="overseer-list">
              {settings.overseers.map((o) => (
                <li key={o.userId} data-testid="overseer-item">
                  <strong>{o.name}</strong> <span className="muted">{o.email}</span>{' '}
                  <RemoveOverseerButton action={removeOverseerAction.bind(null, cell.id, o.userId)} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('overseers.none')}</p>
          )}
          <AddOverseerForm action={addOverseerAction.bind(null, cell.id)} />
        </section>
      )}

      {admin && committees.length > 0 && (
        <section className="card" aria-labelledby="new-cell-heading">
          <h2 id="new-cell-heading">{t('cells.newTitle')}</h2>
          <CreateCellForm
            committees={committees.map((c) => ({ id: c.id, name: c.name }))}
            defaultCommitteeId={cell.committeeId ?? undefined}
          />
        </section>
      )}
    </>
  );
}
