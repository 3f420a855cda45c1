'use server';

import type { ActionResult } from '../../lib/action-result';
import type { OperationName, OperationOutput } from '../../server/operations';
import { AppError } from '../../server/errors';
import { ATTACHMENT_MAX_BYTES } from '../../lib/meeting-schemas';
import { performOperation } from '../../server/web/operation';

/**
 * Every operation on meetings and tasks, as one server action. It is a public
 * endpoint like any other action: the runner parses `input` with the
 * operation's schema and asks the policy, whatever the page that called it
 * already checked.
 */
export async function operationAction<N extends OperationName>(
  name: N,
  input: unknown,
): Promise<ActionResult<OperationOutput<N>>> {
  return performOperation(name, () => input);
}

/** Stores a document for the meeting; the size is checked here before the bytes are read, and again by the operation. */
export async function uploadAttachmentAction(
  meetingId: string,
  formData: FormData,
): Promise<ActionResult<{ id: string }>> {
  return performOperation('uploadAttachment', async () => {
    const file = formData.get('file');
    if (!(file instanceof File) || file.size === 0) throw new AppError('required', 400);
    if (file.size > ATTACHMENT_MAX_BYTES) throw new AppError('attachment_too_large', 413);
    return { meetingId, name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
  });
}
