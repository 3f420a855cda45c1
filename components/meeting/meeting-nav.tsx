import type { Translate } from '../../lib/i18n';

const PARTS = [
  { id: 'minutes-heading', key: 'meetingNav.minutes' },
  { id: 'attendance-heading', key: 'meetingNav.attendance' },
  { id: 'speakers-heading', key: 'meetingNav.speakers' },
  { id: 'votes-heading', key: 'meetingNav.votes' },
  { id: 'closing-heading', key: 'meetingNav.closing' },
  { id: 'preparation-heading', key: 'meetingNav.preparation' },
];

/**
 * Big links to each part of the page. On a phone the panels come after the
 * minutes; a member who wants to ask for the floor should not have to scroll
 * through the whole document to find the button.
 */
export function MeetingNav({ t }: { t: Translate }) {
  return (
    <nav className="meeting-nav no-print" aria-label={t('meetingNav.label')} data-testid="meeting-nav">
      <ul>
        {PARTS.map((part) => (
          <li key={part.id}>
            <a href={`#${part.id}`}>{t(part.key)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
