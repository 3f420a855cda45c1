import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { connectClient, type TestClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { authSecretOf, makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';

const WRITERS = 6;

interface Edit {
  text: string;
  /** The writer's clock once the edit was made: it is saved when the server's saved vector reaches it. */
  clock: number;
  /** When the writer had heard that it was saved (checked every turn of the typing loop, so a little late). */
  savedAt: number | null;
}

describe('a backup taken while people type', () => {
  let dataDir: string;
  let restoreRoot: string;
  let backupDir: string;
  let fixture: CellFixture;
  let server: RunningServer;
  let restored: RunningServer | undefined;
  let secret: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    dataDir = makeDataDir();
    restoreRoot = makeDataDir();
    backupDir = makeDataDir();
    fixture = await seedCell(dataDir);
    server = await startServer({ dataDir });
    secret = authSecretOf(dataDir);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await restored?.stop();
    await server?.stop();
    await fixture?.handle.close();
    for (const dir of [dataDir, restoreRoot, backupDir]) if (dir) removeDataDir(dir);
  });

  async function connect(target: RunningServer, user = fixture.member): Promise<TestClient> {
    const client = connectClient(target.wsUrl, fixture.meetingId, await sessionCookieFor(secret, user));
    clients.push(client);
    return client;
  }

  it(
    'restores, on a fresh server, every edit the server had reported saved when the backup started',
    { timeout: 240_000 },
    async () => {
      const writers: TestClient[] = [];
      for (let i = 0; i < WRITERS; i++) writers.push(await connect(server, i % 2 ? fixture.secretary : fixture.member));
      await Promise.all(writers.map((w) => w.synced()));

      const edits: Edit[][] = writers.map(() => []);
      const noteSaved = () => {
        const now = Date.now();
        writers.forEach((w, i) => {
          const saved = w.savedVector().get(w.doc.clientID) ?? 0;
          for (const edit of edits[i]!) if (edit.savedAt === null && edit.clock <= saved) edit.savedAt = now;
        });
      };
      let typing = true;
      const typingLoop = (async () => {
        for (let round = 1; typing; round++) {
          noteSaved();
          writers.forEach((w, i) => {
            const text = `người ${i} lần ${round}`;
            w.appendParagraph(text);
            edits[i]!.push({ text, clock: Y.getState(w.doc.store, w.doc.clientID), savedAt: null });
          });
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
      })();
      const editCount = () => edits.reduce((sum, list) => sum + list.length, 0);
      await new Promise((resolve) => setTimeout(resolve, 1000));

      const editsBefore = editCount();
      const file = path.join(backupDir, 'during-typing.zip');
      const backup = await runCli(dataDir, ['backup', file]);
      const editsDuring = editCount() - editsBefore;
      typing = false;
      await typingLoop;
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      // The copy was taken while the writers went on typing, not in a quiet moment.
      expect(editsDuring).toBeGreaterThan(WRITERS * 5);
      // The backup starts its copy of the database at createdAt. Every edit the server had reported saved by
      // then must be in it, up to the last few milliseconds: these are still in the -wal file, which a copy of
      // the database file would miss.
      const started = Date.parse(backup.json<{ createdAt: string }>().createdAt);
      const savedBefore = edits.flat().filter((edit) => edit.savedAt !== null && edit.savedAt < started);
      expect(savedBefore.length).toBeGreaterThan(WRITERS * 5);

      // The running server's data directory is not replaced under it.
      const refused = await runCli(dataDir, ['restore', file, '--force']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('stop the server before restoring');
      const base = path.basename(dataDir);
      const beside = readdirSync(path.dirname(dataDir)).filter(
        (name) => name.startsWith(base) || name.startsWith(`.${base}`),
      );
      expect(beside).toEqual([base]);

      const restoredDir = path.join(restoreRoot, 'data');
      const restore = await runCli(restoredDir, ['restore', file]);
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(existsSync(path.join(restoredDir, 'bienban.sqlite'))).toBe(true);
      // The same secret: sessions signed before the backup open the restored installation.
      expect(authSecretOf(restoredDir)).toBe(secret);

      restored = await startServer({ dataDir: restoredDir });
      const reader = await connect(restored);
      await reader.synced();
      const content = reader.content();
      const missing = savedBefore.filter((edit) => !content.includes(`<paragraph>${edit.text}</paragraph>`));
      expect(missing.map((edit) => edit.text)).toEqual([]);
    },
  );
});
