import * as Y from 'yjs';
import { MINUTES_FIELD } from '../../lib/domain';
import type { DocStore } from '../../server/db/doc-store';

/** The minutes as stored in the database (snapshot plus log), as XML text. */
export async function storedMinutes(store: DocStore, docId: string): Promise<string> {
  const stored = await store.load(docId);
  const doc = new Y.Doc();
  try {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const row of stored.updates) Y.applyUpdate(doc, row.data);
    return doc.getXmlFragment(MINUTES_FIELD).toString();
  } finally {
    doc.destroy();
  }
}
