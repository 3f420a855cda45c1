import * as Y from 'yjs';
import { MINUTES_FIELD } from '../../lib/domain';
import type { DocStore } from '../../server/db/doc-store';

/** A document as the database holds it (snapshot plus log), in a fresh Y.Doc. */
export async function storedDoc(store: DocStore, docId: string): Promise<Y.Doc> {
  const stored = await store.load(docId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const row of stored.updates) Y.applyUpdate(doc, row.data);
  return doc;
}

/** The minutes as stored in the database, as XML text. */
export async function storedMinutes(store: DocStore, docId: string): Promise<string> {
  const doc = await storedDoc(store, docId);
  try {
    return doc.getXmlFragment(MINUTES_FIELD).toString();
  } finally {
    doc.destroy();
  }
}
