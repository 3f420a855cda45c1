import type { Db } from './connection';

export interface StoredDoc {
  snapshot: Uint8Array | null;
  /** Log rows after the snapshot, oldest first. */
  updates: { id: number; data: Uint8Array }[];
}

/**
 * The persistent form of a live document: an append-only log of Yjs updates
 * and at most one compacted snapshot per document.
 */
export function createDocStore(db: Db) {
  return {
    async load(docId: string): Promise<StoredDoc> {
      const snapshot = await db
        .selectFrom('doc_snapshots')
        .select(['data', 'last_update_id'])
        .where('doc_id', '=', docId)
        .executeTakeFirst();
      const updates = await db
        .selectFrom('doc_updates')
        .select(['id', 'data'])
        .where('doc_id', '=', docId)
        .where('id', '>', snapshot ? Number(snapshot.last_update_id) : 0)
        .orderBy('id')
        .execute();
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
        updates: updates.map((u) => ({ id: Number(u.id), data: new Uint8Array(u.data) })),
      };
    },

    /**
     * Appends updates of any number of documents in one transaction. When the
     * promise resolves the updates are durable: this is the save point.
     */
    async append(entries: readonly { docId: string; data: Uint8Array }[]): Promise<void> {
      if (entries.length === 0) return;
      const now = new Date().toISOString();
      const rows = entries.map((e) => ({ doc_id: e.docId, data: e.data, created_at: now }));
      await db.transaction().execute(async (trx) => {
        // Chunked so a large batch stays under parameter limits of both drivers.
        for (let i = 0; i < rows.length; i += 200) {
          await trx
            .insertInto('doc_updates')
            .values(rows.slice(i, i + 200))
            .execute();
        }
      });
    },

    /**
     * Replaces the snapshot with `state` (which must contain every update up to
     * `upToId`) and deletes the merged log rows, atomically.
     */
    async compact(docId: string, state: Uint8Array, upToId: number): Promise<void> {
      const now = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('doc_snapshots')
          .values({ doc_id: docId, data: state, last_update_id: upToId, updated_at: now })
          .onConflict((oc) => oc.column('doc_id').doUpdateSet({ data: state, last_update_id: upToId, updated_at: now }))
          .execute();
        await trx.deleteFrom('doc_updates').where('doc_id', '=', docId).where('id', '<=', upToId).execute();
      });
    },

    async latestUpdateId(docId: string): Promise<number> {
      const row = await db
        .selectFrom('doc_updates')
        .select((eb) => eb.fn.max('id').as('max'))
        .where('doc_id', '=', docId)
        .executeTakeFirst();
      return row?.max == null ? 0 : Number(row.max);
    },

    async logLength(docId: string): Promise<number> {
      const row = await db
        .selectFrom('doc_updates')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('doc_id', '=', docId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type DocStore = ReturnType<typeof createDocStore>;
