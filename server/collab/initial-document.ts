import { getSchema, type JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { MINUTES_FIELD } from '../../lib/domain';
import { minutesExtensions } from '../../lib/editor/extensions';
import { meetingDoc, type ReviewItem } from '../../lib/meeting-doc/layout';

let schema: ReturnType<typeof getSchema> | undefined;

/** The ProseMirror schema of the minutes, built once per process. */
function minutesSchema() {
  schema ??= getSchema(minutesExtensions());
  return schema;
}

/**
 * Encodes a ProseMirror JSON document as the first Yjs update of a meeting's
 * document, in the field the browser editor binds to.
 */
export function encodeInitialDocument(content: JSONContent, state: { review?: ReviewItem[] } = {}): Uint8Array {
  const doc = prosemirrorJSONToYDoc(minutesSchema(), content, MINUTES_FIELD);
  try {
    if (state.review && state.review.length > 0) meetingDoc.review(doc).insert(0, state.review);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
