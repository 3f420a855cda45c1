import { formatInstant, formatStartsAt } from '../../lib/format';
import type { Locale, Translate } from '../../lib/i18n';

export interface GuidanceItem {
  id: string;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: string;
  sectionTitle: string | null;
  body: string;
  authorName: string;
  createdAt: string;
}

/**
 * Guidance (ý kiến chỉ đạo) as the cell reads it: who wrote it, when, on
 * which part of the minutes, and on which meeting when it is listed away from
 * that meeting (in the next meeting's preparation).
 */
export function GuidanceList({
  t,
  locale,
  timeZone,
  items,
  showMeeting = false,
  testId = 'guidance-list',
}: {
  t: Translate;
  locale: Locale;
  timeZone: string;
  items: readonly GuidanceItem[];
  showMeeting?: boolean;
  testId?: string;
}) {
  if (items.length === 0) return <p className="muted">{t('guidance.none')}</p>;
  return (
    <ul className="plain-list guidance-list" data-testid={testId}>
      {items.map((item) => (
        <li key={item.id} className="guidance-item" data-testid="guidance-item">
          <p className="muted">
            {t('guidance.by', {
              name: item.authorName,
              when: formatInstant(item.createdAt, locale, timeZone),
            })}
            {showMeeting && (
              <>
                {' · '}
                <a href={`/meetings/${item.meetingId}`}>
                  {item.meetingTitle || formatStartsAt(item.meetingStartsAt, locale)}
                </a>
              </>
            )}
          </p>
          <p className="guidance-item__section" data-testid="guidance-section">
            {item.sectionTitle ? t('guidance.onSection', { section: item.sectionTitle }) : t('guidance.onWhole')}
          </p>
          <p className="guidance-item__body" data-testid="guidance-body">
            {item.body}
          </p>
        </li>
      ))}
    </ul>
  );
}
