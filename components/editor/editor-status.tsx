'use client';

import type { ConnectionStatus } from './use-connection';
import type { PresentUser } from './use-presence';
import { useI18n } from '../i18n-provider';

/** Connection, save state and who else is here, in words, always visible above the document. */
export function EditorStatus({
  connection,
  saved,
  expired,
  users,
}: {
  connection: ConnectionStatus;
  saved: boolean;
  /** The session ended: changes wait for the user to sign in again, not for the network. */
  expired: boolean;
  users: readonly PresentUser[];
}) {
  const { t } = useI18n();
  // Only the connection is announced: a save note that flips on every keystroke would drown a screen reader.
  const saveKey = saved
    ? 'editor.save.saved'
    : expired
      ? 'editor.save.signInToSave'
      : connection === 'connected'
        ? 'editor.save.saving'
        : 'editor.save.offline';
  return (
    // On a phone this line scrolls sideways in itself: focusable, so a keyboard can scroll it too.
    <div className="editor-status no-print" role="group" tabIndex={0} aria-label={t('editor.statusLabel')}>
      <span className="status-pill" role="status" data-testid="connection-status" data-status={connection}>
        {t(`editor.connection.${connection}`)}
      </span>
      <span
        className="status-pill"
        data-testid="save-status"
        data-saved={saved ? 'true' : 'false'}
        data-save-state={saveKey.slice('editor.save.'.length)}
      >
        {t(saveKey)}
      </span>
      <div className="presence">
        <span>{t('editor.presence.label')}</span>
        <ul data-testid="presence-list" aria-label={t('editor.presence.label')}>
          {users.map((user) => (
            <li
              key={user.key}
              data-testid="presence-user"
              data-self={user.self ? 'true' : undefined}
              style={{ ['--presence-color' as string]: user.color }}
            >
              {user.self ? t('editor.presence.you', { name: user.name }) : user.name}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
