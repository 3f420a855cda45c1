import type BetterSqlite3 from 'better-sqlite3';
import type { Db, DbHandle, QueryObserver } from './connection';

export interface StoredDoc {
  snapshot: Uint8Array | null;
  /** Log rows after the snapshot, oldest first. */
  updates: { id: number; data: Uint8Array }[];
}

type LogEntry = { docId: string; data: Uint8Array };

/**
 * Appending to the log is the one query the server runs for nearly every
 * message it receives. On the embedded database it runs as a prepared
 * statement in a better-sqlite3 transaction, without building the query each
 * time: about a third of the CPU of the same insert through the query
 * builder. It holds Kysely's connection meanwhile, so it never joins a
 * transaction Kysely has open.
 */
function embeddedAppend(db: Db, sqlite: BetterSqlite3.Database, observeQuery: QueryObserver) {
  const insert = sqlite.prepare('INSERT INTO doc_updates (doc_id, data, created_at) VALUES (?, ?, ?)');
  const appendAll = sqlite.transaction((entries: readonly LogEntry[], now: string) => {
    for (const entry of entries) insert.run(entry.docId, entry.data, now);
  });
  return (entries: readonly LogEntry[], now: string) =>
    db.connection().execute(async () => {
      // Kysely does not see these statements, so they are timed here: the whole transaction as one query.
      const started = performance.now();
      try {
        appendAll(entries, now);
      } catch (error) {
        observeQuery(performance.now() - started, true);
        throw error;
      }
      observeQuery(performance.now() - started, false);
    });
}

/** The same append through the query builder (PostgreSQL), in one transaction. */
function builderAppend(db: Db) {
  return (entries: readonly LogEntry[], now: string) =>
    db.transaction().execute(async (trx) => {
      const rows = entries.map((e) => ({ doc_id: e.docId, data: e.data, created_at: now }));
      // Chunked so a large batch stays under the driver's parameter limit.
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto('doc_updates')
          .values(rows.slice(i, i + 200))
          .execute();
      }
    });
}

/**
 * The persistent form of a live document: an append-only log of Yjs updates
 * and at most one compacted snapshot per document.
 */
export function createDocStore(handle: Pick<DbHandle, 'db' | 'sqlite' | 'observeQuery'>) {
  const { db } = handle;
  const appendRows = handle.sqlite ? embeddedAppend(db, handle.sqlite, handle.observeQuery) : builderAppend(db);
  return {
    /**
     * The snapshot and the log rows after it, read in one transaction (on
     * PostgreSQL at repeatable read): another instance compacting between
     * the two reads would otherwise delete rows the old snapshot lacks.
     */
    async load(docId: string): Promise<StoredDoc> {
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const snapshot = await trx
            .selectFrom('doc_snapshots')
            .select(['data', 'last_update_id'])
            .where('doc_id', '=', docId)
            .executeTakeFirst();
          const updates = await trx
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
        });
    },

    /**
     * Appends updates of any number of documents in one transaction. When the
     * promise resolves the updates are durable: this is the save point.
     */
    async append(entries: readonly LogEntry[]): Promise<void> {
      if (entries.length === 0) return;
      await appendRows(entries, new Date().toISOString());
    },

    /**
     * Replaces the snapshot with `state` (which must contain every update up to
     * `upToId`) and deletes the merged log rows, atomically. A snapshot that
     * already reaches further (another instance compacted meanwhile) is kept:
     * false then, and nothing changes.
     */
    async compact(docId: string, state: Uint8Array, upToId: number): Promise<boolean> {
      const now = new Date().toISOString();
      return db.transaction().execute(async (trx) => {
        const written = await trx
          .insertInto('doc_snapshots')
          .values({ doc_id: docId, data: state, last_update_id: upToId, updated_at: now })
          .onConflict((oc) =>
            oc
              .column('doc_id')
              .doUpdateSet({ data: state, last_update_id: upToId, updated_at: now })
              .where('doc_snapshots.last_update_id', '<', upToId),
          )
          .executeTakeFirst();
        if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) return false;
        await trx.deleteFrom('doc_updates').where('doc_id', '=', docId).where('id', '<=', upToId).execute();
        return true;
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
