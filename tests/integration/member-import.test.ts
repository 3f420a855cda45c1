import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices } from '../../server/bootstrap';
import { openDatabase, type DbHandle } from '../../server/db/connection';
import { migrateUpTo } from '../../server/db/migrations';
import { createMeetingRecord } from '../../server/meeting';
import { createStoredDocs } from '../../server/meeting/stored-docs';
import type { ImportOutcome } from '../../server/operations/member-import';
import type { Services } from '../../server/services';
import type { SessionUser } from '../../server/services/accounts';
import { describeEachDatabase, POSTGRES_ADMIN_URL, POSTGRES_AVAILABLE, adminQuery } from '../helpers/temp-database';

/** The secretary's list, as Excel in Vietnam saves it: semicolons, a byte order mark, CRLF. */
const LIST = [
  '\uFEFFHọ và tên;Email;Điện thoại;Trạng thái;Chức vụ;Ngày vào Đảng;Ngày chính thức',
  'Nguyễn Văn An;an-{s}@test.vn;;Chính thức;Đảng viên;19/05/1990;19/05/1991',
  'Trần Thị Bình;;09{p}1;dự bị;;03/02/2026;',
  'Lê Văn Cường;cuong-{s}@test.vn;09{p}2;miễn sinh hoạt;;1/1/1975;1/1/1976',
].join('\r\n');

describeEachDatabase('importing a member list into a cell', (db) => {
  const operations = () => {
    const { services } = db();
    const record = createMeetingRecord(services);
    return record.attach(createStoredDocs(services.docStore, record.hooks));
  };

  async function world() {
    const { services } = db();
    const { organisations, accounts } = services;
    const s = randomUUID().slice(0, 8);
    const p = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
    const committee = await organisations.createCommittee(`Phường ${s}`);
    const cell = await organisations.createCell(committee.id, 'Khu phố 3');
    const other = await organisations.createCell(committee.id, 'Khu phố 4');
    const user = async (cellId: string, name: string, role: 'secretary' | 'member') => {
      const row = await organisations.addMember(cellId, { name, email: `${name}-${s}@test.vn`, role, status: 'full' });
      return (await accounts.getUser(row.userId)) as SessionUser;
    };
    return {
      services,
      cellId: cell.id,
      secretary: await user(cell.id, 'bithu', 'secretary'),
      member: await user(cell.id, 'dangvien', 'member'),
      stranger: await user(other.id, 'nguoila', 'secretary'),
      text: LIST.replaceAll('{s}', s).replaceAll('{p}', p),
    };
  }

  const importAs = (user: SessionUser, cellId: string, text: string, apply: boolean) =>
    operations().followUp.importMembers(user, { cellId, text, apply }) as Promise<ImportOutcome>;
  const members = (services: Services, cellId: string) => services.organisations.listMembers(cellId);
  const auditCount = async (services: Services, cellId: string) =>
    (await services.audit.list({ cells: [cellId], limit: 1000 })).length;

  it('previews without saving anything, then saves every row, and importing again changes nothing', async () => {
    const w = await world();
    const before = await members(w.services, w.cellId);
    const preview = await importAs(w.secretary, w.cellId, w.text, false);
    expect(preview).toMatchObject({
      ok: true,
      saved: false,
      plan: { counts: { new: 3, update: 0, unchanged: 0, problem: 0 } },
    });
    expect(await members(w.services, w.cellId)).toEqual(before);

    const applied = await importAs(w.secretary, w.cellId, w.text, true);
    expect(applied).toMatchObject({ ok: true, saved: true, plan: { counts: { new: 3 } } });
    const after = await members(w.services, w.cellId);
    expect(after).toHaveLength(before.length + 3);
    const binh = after.find((m) => m.name === 'Trần Thị Bình');
    expect(binh).toMatchObject({ email: null, status: 'probationary', role: 'member', joinedOn: '2026-02-03' });
    expect(binh?.phone).toMatch(/^09\d{8}$/);
    expect(after.find((m) => m.name === 'Nguyễn Văn An')).toMatchObject({
      status: 'full',
      joinedOn: '1990-05-19',
      officialOn: '1991-05-19',
    });
    const audited = await auditCount(w.services, w.cellId);

    const again = await importAs(w.secretary, w.cellId, w.text, true);
    expect(again).toMatchObject({
      ok: true,
      saved: false,
      plan: { counts: { new: 0, update: 0, unchanged: 3, problem: 0 } },
    });
    expect(await members(w.services, w.cellId)).toEqual(after);
    expect(await auditCount(w.services, w.cellId)).toBe(audited);
  });

  it('updates what the file changes and audits it, keeping what the file leaves empty', async () => {
    const w = await world();
    await importAs(w.secretary, w.cellId, w.text, true);
    const changed = w.text.replace('dự bị;;03/02/2026;', 'chính thức;;;03/02/2027');
    const result = await importAs(w.secretary, w.cellId, changed, true);
    expect(result).toMatchObject({ ok: true, saved: true, plan: { counts: { update: 1, unchanged: 2 } } });
    const binh = (await members(w.services, w.cellId)).find((m) => m.name === 'Trần Thị Bình');
    expect(binh).toMatchObject({ status: 'full', joinedOn: '2026-02-03', officialOn: '2027-02-03' });
    const entries = await w.services.audit.list({ cells: [w.cellId], action: 'member.updated', limit: 10 });
    expect(entries[0]).toMatchObject({ subjectId: binh!.userId, details: { fields: ['status', 'officialOn'] } });
  });

  it('saves nothing from a file with a problem in any row', async () => {
    const w = await world();
    const before = await members(w.services, w.cellId);
    const bad = `${w.text}\r\nKhông Liên Lạc;;;chính thức;;;`;
    const result = await importAs(w.secretary, w.cellId, bad, true);
    expect(result).toMatchObject({ ok: true, saved: false, plan: { counts: { new: 3, problem: 1 } } });
    if (result.ok) expect(result.plan.rows[3]).toMatchObject({ row: 5, problems: [{ code: 'contact_missing' }] });
    expect(await members(w.services, w.cellId)).toEqual(before);
  });

  it('refuses a plain member of the cell and a secretary of another cell, previews included', async () => {
    const w = await world();
    for (const user of [w.member, w.stranger]) {
      for (const apply of [false, true]) {
        await expect(importAs(user, w.cellId, w.text, apply)).rejects.toMatchObject({ code: 'forbidden' });
      }
    }
    expect(await members(w.services, w.cellId)).toHaveLength(2);
  });

  it('refuses a file too large before reading it', async () => {
    const w = await world();
    await expect(importAs(w.secretary, w.cellId, 'x'.repeat(256 * 1024 + 1), false)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !POSTGRES_AVAILABLE)(
    `migration 0009 keeps every account (${dialect})`,
    () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienban-migration-'));
      const dbName = `bienban_test_${randomBytes(6).toString('hex')}`;
      let databaseUrl: string | undefined;
      let opened: { services: Services; handle: DbHandle } | undefined;
      const ids = { committee: randomUUID(), cell: randomUUID(), user: randomUUID(), member: randomUUID() };

      beforeAll(async () => {
        if (dialect === 'postgres') {
          await adminQuery(`CREATE DATABASE ${dbName}`);
          const url = new URL(POSTGRES_ADMIN_URL);
          url.pathname = `/${dbName}`;
          databaseUrl = url.toString();
        }
        const old = openDatabase({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
        try {
          await migrateUpTo(old.db, dialect, '0008_search_scope');
          const now = '2026-01-01T00:00:00.000Z';
          await sql`INSERT INTO organisations (id, kind, name, parent_id, created_at) VALUES
          (${ids.committee}, 'committee', 'Đảng bộ', NULL, ${now}), (${ids.cell}, 'cell', 'Chi bộ', ${ids.committee}, ${now})`.execute(
            old.db,
          );
          await sql`INSERT INTO users (id, email, name, password_hash, is_admin, session_version, created_at, home_cell_id)
          VALUES (${ids.user}, 'an@test.vn', 'Nguyễn Văn An', 'hash', 0, 3, ${now}, ${ids.cell})`.execute(old.db);
          await sql`INSERT INTO memberships (id, cell_id, user_id, role, status, created_at)
          VALUES (${ids.member}, ${ids.cell}, ${ids.user}, 'secretary', 'full', ${now})`.execute(old.db);
        } finally {
          await old.close();
        }
        opened = await openServices({ dataDir, databaseUrl });
      });

      afterAll(async () => {
        await opened?.handle.close();
        if (dialect === 'postgres') await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        rmSync(dataDir, { recursive: true, force: true });
      });

      it('keeps the account, its password, sessions and membership, with empty new fields', async () => {
        const user = await opened!.services.db
          .selectFrom('users')
          .selectAll()
          .where('id', '=', ids.user)
          .executeTakeFirst();
        expect(user).toMatchObject({
          email: 'an@test.vn',
          password_hash: 'hash',
          session_version: 3,
          home_cell_id: ids.cell,
          phone: null,
        });
        expect(await opened!.services.organisations.listMembers(ids.cell)).toMatchObject([
          { userId: ids.user, role: 'secretary', status: 'full', joinedOn: null, officialOn: null },
        ]);
      });

      it('still refuses a membership of an account that does not exist, and a second account with the same email', async () => {
        const { db } = opened!.services;
        const now = new Date().toISOString();
        await expect(
          db
            .insertInto('memberships')
            .values({
              id: randomUUID(),
              cell_id: ids.cell,
              user_id: randomUUID(),
              role: 'member',
              status: 'full',
              created_at: now,
              joined_on: null,
              official_on: null,
            })
            .execute(),
        ).rejects.toThrow();
        await expect(
          db
            .insertInto('users')
            .values({
              id: randomUUID(),
              email: 'an@test.vn',
              name: 'x',
              password_hash: null,
              is_admin: 0,
              session_version: 1,
              created_at: now,
              home_cell_id: null,
              phone: null,
            })
            .execute(),
        ).rejects.toThrow();
      });
    },
  );
}
