'use client';

import { useId, useState } from 'react';
import { operationAction } from '../../app/actions/operation';
import { meetingDoc, type SpeakerRequest } from '../../lib/meeting-doc/layout';
import { useI18n } from '../i18n-provider';
import { useLiveMeeting } from './live-meeting-provider';
import { OperationError } from './operation-error';
import { useLiveMap } from './use-live-state';
import { useMeetingStatus } from './use-meeting-status';
import { useOperation } from './use-operation';

/**
 * Who asks to speak, in order. A member presses "Xin phát biểu"; the chair
 * gives the floor, which opens an opinion "Đồng chí <name>: …" in the
 * current section of the minutes for the minutes-taker to fill in.
 */
export function SpeakerPanel() {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const status = useMeetingStatus();
  const speakers = useLiveMap(meetingDoc.speakers);
  const op = useOperation(t('errors.network'));
  const live = status.started && !status.ended && !status.locked;

  const all = [...speakers.values()].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  const speaking = all.filter((r) => r.state === 'speaking');
  const waiting = all.filter((r) => r.state === 'waiting');
  const done = all.filter((r) => r.state === 'done');
  const mine = all.find((r) => r.userId === view.me.id && (r.state === 'waiting' || r.state === 'speaking'));
  const decide = (name: 'withdrawFloor' | 'finishFloor' | 'giveFloor', request: SpeakerRequest) =>
    void op.run(() => operationAction(name, { meetingId: view.id, requestId: request.id }));

  return (
    <section className="panel" aria-labelledby="speakers-heading" data-testid="speaker-panel">
      <h2 id="speakers-heading">{t('speakers.title')}</h2>
      {!live && <p className="muted">{status.ended ? t('speakers.closed') : t('speakers.notStarted')}</p>}

      {live && status.participate && !mine && (
        <button
          type="button"
          className="button button--large"
          disabled={op.pending}
          onClick={() => void op.run(() => operationAction('requestFloor', { meetingId: view.id }))}
          data-testid="speaker-request"
        >
          {t('speakers.request')}
        </button>
      )}
      {live && mine?.state === 'waiting' && (
        <div className="notice" data-testid="speaker-mine" data-state="waiting">
          <p>{t('speakers.youAreWaiting', { position: waiting.indexOf(mine) + 1 })}</p>
          <button
            type="button"
            className="button button--secondary"
            disabled={op.pending}
            onClick={() => decide('withdrawFloor', mine)}
            data-testid="speaker-withdraw"
          >
            {t('speakers.withdraw')}
          </button>
        </div>
      )}
      {live && mine?.state === 'speaking' && (
        <p className="notice notice--success" data-testid="speaker-mine" data-state="speaking">
          {t('speakers.youAreSpeaking')}
        </p>
      )}

      {speaking.map((request) => (
        <div key={request.id} className="speaker-now" data-testid="speaker-current" data-request-id={request.id}>
          <p>
            <strong>{t('speakers.speaking', { name: request.name })}</strong>
          </p>
          {status.chair && live && (
            <button
              type="button"
              className="button button--secondary"
              disabled={op.pending}
              onClick={() => decide('finishFloor', request)}
              data-testid="speaker-finish"
            >
              {t('speakers.finish')}
            </button>
          )}
        </div>
      ))}

      <h3>{t('speakers.waiting', { count: waiting.length })}</h3>
      {waiting.length === 0 ? (
        <p className="muted">{t('speakers.none')}</p>
      ) : (
        <ol className="speaker-list" data-testid="speaker-list">
          {waiting.map((request) => (
            <li
              key={request.id}
              data-testid="speaker-item"
              data-request-id={request.id}
              data-user-id={request.userId}
              data-state={request.state}
            >
              <span className="speaker-list__name">{request.name}</span>
              {status.chair && live && (
                <span className="form-actions">
                  <button
                    type="button"
                    className="button button--small"
                    disabled={op.pending}
                    onClick={() => decide('giveFloor', request)}
                    data-testid="speaker-give-floor"
                  >
                    {t('speakers.giveFloor')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={op.pending}
                    onClick={() => decide('withdrawFloor', request)}
                    data-testid="speaker-remove"
                  >
                    {t('speakers.remove')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {/* After the list: who waits is what the chair looks at first. */}
      {status.chair && live && <AddSpeaker queued={new Set([...waiting, ...speaking].map((r) => r.userId))} />}
      {done.length > 0 && (
        <p className="muted" data-testid="speaker-done">
          {t('speakers.done', { names: done.map((r) => r.name).join(', ') })}
        </p>
      )}
      <OperationError message={op.error} />
    </section>
  );
}

/**
 * The chair adds a member who raised a hand in the room: many members come
 * without a phone, and their turn belongs on the same list, in the same order.
 */
function AddSpeaker({ queued }: { queued: ReadonlySet<string> }) {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const op = useOperation(t('errors.network'));
  const attendance = useLiveMap(meetingDoc.attendance);
  const [userId, setUserId] = useState('');
  const selectId = useId();
  const absent = (id: string) => {
    const mark = attendance.get(id)?.status;
    return mark === 'absent_with_reason' || mark === 'absent_without_reason';
  };
  const candidates = view.members.filter((m) => !queued.has(m.userId) && !absent(m.userId));
  if (candidates.length === 0) return null;
  return (
    <form
      className="add-speaker"
      onSubmit={(event) => {
        event.preventDefault();
        if (!userId) return;
        void op
          .run(() => operationAction('addSpeaker', { meetingId: view.id, userId }))
          .then((result) => {
            if (result?.ok) setUserId('');
          });
      }}
      data-testid="speaker-add"
    >
      <label htmlFor={selectId}>{t('speakers.addLabel')}</label>
      <div className="add-speaker__row">
        <select
          id={selectId}
          value={userId}
          onChange={(event) => setUserId(event.target.value)}
          data-testid="speaker-add-member"
        >
          <option value="">{t('speakers.addChoose')}</option>
          {candidates.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="button button--secondary"
          disabled={op.pending || !userId}
          data-testid="speaker-add-submit"
        >
          {t('speakers.add')}
        </button>
      </div>
      <OperationError message={op.error} />
    </form>
  );
}
