import type * as Y from 'yjs';

/** How meeting services reach live documents (the collaboration server implements it). */
export interface MeetingDocs {
  /** Applies a change and resolves once it is durable; throws when the minutes are sealed. */
  change<T>(docId: string, apply: (doc: Y.Doc) => T): Promise<T>;
  /** Reads the current state. */
  read<T>(docId: string, read: (doc: Y.Doc) => T): Promise<T>;
  /** Seals the document and returns it, every accepted update durable. */
  lock(docId: string): Promise<Y.Doc>;
  unlock(docId: string): void;
  /** Applies the policy again to every live connection of the document. */
  revalidateDocument(docId: string): Promise<void>;
}
