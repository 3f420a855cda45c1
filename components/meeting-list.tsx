import Link from 'next/link';
import type { Locale, Translate } from '../lib/i18n';
import type { MeetingKind, MeetingState } from '../lib/domain';
import { formatStartsAt } from '../lib/format';

export interface MeetingListItem {
  id: string;
  title: string;
  kind: MeetingKind;
  startsAt: string;
  place: string;
  state: MeetingState;
}

/** Meetings as a list of links: title, kind, date, place and state. */
export function MeetingList({
  t,
  locale,
  meetings,
  empty,
  testId = 'meeting-list',
}: {
  t: Translate;
  locale: Locale;
  meetings: readonly MeetingListItem[];
  empty: string;
  testId?: string;
}) {
  if (meetings.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="plain-list meeting-list" data-testid={testId}>
      {meetings.map((meeting) => (
        <li key={meeting.id} data-testid="meeting-item">
          <Link href={`/meetings/${meeting.id}`} className="meeting-list__title">
            {meeting.title || t(`meetingKind.${meeting.kind}`)}
          </Link>
          <div>
            {t(`meetingKind.${meeting.kind}`)} · <span className="badge">{t(`meetingState.${meeting.state}`)}</span>
          </div>
          <div className="muted">
            {formatStartsAt(meeting.startsAt, locale)} · {meeting.place}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The fields of a stored meeting the list shows. */
export function toMeetingListItem(meeting: {
  id: string;
  title: string;
  kind: MeetingKind;
  starts_at: string;
  place: string;
  state: MeetingState;
}): MeetingListItem {
  return {
    id: meeting.id,
    title: meeting.title,
    kind: meeting.kind,
    startsAt: meeting.starts_at,
    place: meeting.place,
    state: meeting.state,
  };
}
