'use server';

import { ATTACHMENT_MAX_BYTES } from '../../../lib/meeting-schemas';
import { AppError } from '../../../server/errors';
import { getRuntime } from '../../../server/runtime';
import { runOperation } from '../../../server/web/operation';

/** What happens around and after the meeting: amendments, preparation, documents. Written to the database. */
const followUp = () => getRuntime().meetings.followUp;

/** A dated correction appended under approved minutes (the minutes themselves stay sealed). */
export async function amendAction(input: unknown) {
  return runOperation('amend', (user) => followUp().amend(user, input), { refresh: true });
}

/** Ticks or unticks a preparation step (draft resolution ready, members notified). */
export async function setPreparationAction(input: unknown) {
  return runOperation('setPreparation', (user) => followUp().setPreparation(user, input), { refresh: true });
}

/** Stores a document for the meeting; size and type are checked here before the bytes are read, and again by the service. */
export async function uploadAttachmentAction(meetingId: string, formData: FormData) {
  return runOperation(
    'uploadAttachment',
    async (user) => {
      const file = formData.get('file');
      if (!(file instanceof File) || file.size === 0) throw new AppError('required', 400);
      if (file.size > ATTACHMENT_MAX_BYTES) throw new AppError('attachment_too_large', 413);
      const bytes = new Uint8Array(await file.arrayBuffer());
      return followUp().uploadAttachment(user, { meetingId, name: file.name, type: file.type, bytes });
    },
    { refresh: true },
  );
}
