import { formatInstant } from '../../lib/format';
import type { Locale, Translate } from '../../lib/i18n';

export interface AmendmentItem {
  id: string;
  body: string;
  authorName: string;
  createdAt: string;
  hash: string;
}

/** Corrections appended to sealed minutes, oldest first: dated, signed, never edits of the minutes themselves. */
export function AmendmentList({
  t,
  locale,
  timeZone,
  items,
}: {
  t: Translate;
  locale: Locale;
  timeZone: string;
  items: readonly AmendmentItem[];
}) {
  if (items.length === 0) return <p className="muted">{t('amendments.none')}</p>;
  return (
    <ol className="amendment-list" data-testid="amendments">
      {items.map((item) => (
        <li key={item.id} data-testid="amendment-item" data-amendment-id={item.id} data-hash={item.hash}>
          <p className="amendment-list__meta">
            <strong>{formatInstant(item.createdAt, locale, timeZone)}</strong> — {item.authorName}
          </p>
          <p className="amendment-list__body">{item.body}</p>
        </li>
      ))}
    </ol>
  );
}
