'use client';

import { uploadAttachmentAction } from '../../app/actions/operation';
import { useId, useRef } from 'react';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../lib/meeting-limits';
import { useI18n } from '../i18n-provider';
import { OperationError } from './operation-error';
import { useOperation } from './use-operation';

const MAX_MB = Math.round(ATTACHMENT_MAX_BYTES / (1024 * 1024));

/**
 * Adds a document from the parent committee (or the draft resolution) to
 * the meeting. Size and type are checked here first, so nobody waits for a
 * large upload the server would refuse.
 */
export function AttachmentUploadForm({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const op = useOperation(t('errors.network'));
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();

  async function upload() {
    const file = input.current?.files?.[0];
    if (!file) return op.refuse(t('errors.required'));
    if (file.size > ATTACHMENT_MAX_BYTES) return op.refuse(t('errors.attachment_too_large'));
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return op.refuse(t('errors.attachment_type'));
    const formData = new FormData();
    formData.set('file', file);
    const result = await op.run(() => uploadAttachmentAction(meetingId, formData));
    if (result?.ok && input.current) input.current.value = '';
  }

  return (
    <form
      className="form"
      data-testid="attachment-form"
      onSubmit={(event) => {
        event.preventDefault();
        void upload();
      }}
    >
      <div className="field">
        <label htmlFor={inputId}>{t('attachments.choose')}</label>
        <span className="field__hint">{t('attachments.limits', { size: MAX_MB })}</span>
        <input
          id={inputId}
          ref={input}
          type="file"
          accept={ATTACHMENT_TYPES.join(',')}
          onChange={() => op.clear()}
          data-testid="attachment-file"
        />
      </div>
      <OperationError message={op.error} testId="attachment-error" />
      <div className="form-actions">
        <button type="submit" className="button" disabled={op.pending} data-testid="attachment-upload">
          {op.pending ? t('attachments.uploading') : t('attachments.upload')}
        </button>
      </div>
    </form>
  );
}
