import { formatInstant } from '../../lib/format';
import type { Locale, Translate } from '../../lib/i18n';

export interface MeetingViewItem {
  userId: string;
  name: string;
  firstAt: string;
  lastAt: string;
  count: number;
}

/** Who has opened the meeting, and when: the chi ủy can see who has read the documents. */
export function MeetingViews({
  t,
  locale,
  timeZone,
  views,
}: {
  t: Translate;
  locale: Locale;
  timeZone: string;
  views: readonly MeetingViewItem[];
}) {
  if (views.length === 0) return <p className="muted">{t('views.none')}</p>;
  return (
    <ul className="plain-list view-list" data-testid="meeting-views">
      {views.map((view) => (
        <li key={view.userId} data-testid="meeting-view" data-user-id={view.userId}>
          <strong>{view.name}</strong>{' '}
          <span className="muted">
            {t('views.line', {
              first: formatInstant(view.firstAt, locale, timeZone),
              last: formatInstant(view.lastAt, locale, timeZone),
              count: view.count,
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}
