import { formatInstant } from '../../lib/format';
import type { Locale, Translate } from '../../lib/i18n';

export interface AttachmentItem {
  id: string;
  name: string;
  mime: string;
  size: number;
  uploadedByName: string;
  createdAt: string;
}

/** Sizes people can read: "820 KB", "2,4 MB". */
function formatSize(bytes: number, locale: Locale): string {
  const intl = locale === 'vi' ? 'vi-VN' : 'en-GB';
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(intl).format(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${new Intl.NumberFormat(intl, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

/** The meeting's documents, each a download link, with who added it and when. */
export function AttachmentList({
  t,
  locale,
  timeZone,
  items,
}: {
  t: Translate;
  locale: Locale;
  timeZone: string;
  items: readonly AttachmentItem[];
}) {
  if (items.length === 0) return <p className="muted">{t('attachments.none')}</p>;
  return (
    <ul className="plain-list attachment-list" data-testid="attachments">
      {items.map((item) => (
        <li key={item.id} data-testid="attachment-item" data-attachment-id={item.id}>
          <a href={`/api/attachments/${item.id}`} download={item.name} data-testid="attachment-link">
            {item.name}
          </a>
          <span className="muted">
            {' '}
            · {formatSize(item.size, locale)} ·{' '}
            {t('attachments.addedBy', {
              name: item.uploadedByName,
              time: formatInstant(item.createdAt, locale, timeZone),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}
