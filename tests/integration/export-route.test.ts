import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices } from '../../server/bootstrap';
import { seedDemo } from '../../server/cli/seed-demo';
import { fileClaims } from '../../server/export/verify';
import { callAction } from '../helpers/actions';
import { authSecretOf, makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';

type User = { id: string; email: string; name: string; sessionVersion: number; isAdmin: boolean };

/** The download route, the print page and the verify page, through the real server and Next (needs `next build`). */
describe('exports over HTTP', () => {
  let dataDir: string;
  let server: RunningServer;
  let sealedId: string;
  let secretId: string;
  let hash: string;
  const users: Record<'secretary' | 'member' | 'stranger', User> = {} as never;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = makeDataDir();
    const { services, handle } = await openServices({ dataDir, databaseUrl: undefined });
    try {
      const demo = await seedDemo(services);
      const sealed = demo.meetings.find((m) => m.state === 'approved')!;
      sealedId = sealed.id;
      hash = sealed.sealedHash!;
      const byName = async (name: string) =>
        (await services.accounts.getUser(demo.members.find((m) => m.name === name)!.userId))!;
      users.secretary = await byName('Nguyễn Văn Hùng');
      users.member = await byName('Phạm Thị Lan');
      const stranger = await services.accounts.createUser({ email: 'la@example.vn', name: 'Người Lạ' });
      users.stranger = (await services.accounts.getUser(stranger.id))!;
      secretId = (
        await services.meetings.createMeeting(
          demo.cellId,
          { kind: 'extraordinary', startsAt: '2026-12-20T08:00', place: 'Phòng họp', classification: 'secret' },
          users.secretary.id,
        )
      ).id;
    } finally {
      await handle.close();
    }
    server = await startServer({ dataDir, withNext: true });
    const secret = authSecretOf(dataDir);
    for (const [name, user] of Object.entries(users)) cookies[name] = await sessionCookieFor(secret, user);
  });

  afterAll(async () => {
    await server?.stop();
    removeDataDir(dataDir);
  });

  const get = (path: string, who?: keyof typeof users) =>
    fetch(`${server.url}${path}`, { headers: who ? { Cookie: cookies[who]! } : {}, redirect: 'manual' });

  it('downloads approved minutes as PDF and DOCX for a member, carrying the seal they verify by', async () => {
    const pdf = await get(`/meetings/${sealedId}/export/pdf`, 'member');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="bien-ban-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(pdf.headers.get('cache-control')).toBe('private, no-store');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(fileClaims(bytes)).toMatchObject({ format: 'pdf', hash, meetingId: sealedId });
    const docx = await get(`/meetings/${sealedId}/export/docx`, 'member');
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(fileClaims(new Uint8Array(await docx.arrayBuffer()))).toMatchObject({
      format: 'docx',
      hash,
      meetingId: sealedId,
      textIntact: true,
    });
  });

  it('answers 401 without a session, 404 to a stranger and for an unknown format, 403 for secret minutes to a member', async () => {
    expect((await get(`/meetings/${sealedId}/export/pdf`)).status).toBe(401);
    expect((await get(`/meetings/${sealedId}/export/pdf`, 'stranger')).status).toBe(404);
    expect((await get(`/meetings/${sealedId}/export/xls`, 'member')).status).toBe(404);
    expect((await get(`/meetings/not-an-id/export/pdf`, 'member')).status).toBe(404);
    expect((await get(`/meetings/${secretId}/export/pdf`, 'member')).status).toBe(403);
    const manager = await get(`/meetings/${secretId}/export/pdf`, 'secretary');
    expect(manager.status).toBe(200);
    expect(manager.headers.get('content-disposition')).toContain('-du-thao.pdf');
  });

  it('shows the download buttons on the meeting page and the formal document on the print page', async () => {
    const page = await (await get(`/meetings/${sealedId}`, 'member')).text();
    expect(page).toContain('data-testid="export-links"');
    expect(page).toContain(`/meetings/${sealedId}/export/pdf`);
    const secretPage = await (await get(`/meetings/${secretId}`, 'member')).text();
    expect(secretPage).not.toContain('data-testid="export-links"');

    const print = await get(`/meetings/${sealedId}/print`, 'member');
    expect(print.status).toBe(200);
    const html = await print.text();
    expect(html).toContain('data-testid="print-document"');
    expect(html).toContain(`data-hash="${hash}"`);
    expect(html).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    // Secret minutes' print page looks, to a member, like a missing meeting; their managers print it.
    expect((await get(`/meetings/${secretId}/print`, 'member')).status).toBe(404);
    expect((await get(`/meetings/${secretId}/print`, 'secretary')).status).toBe(200);
  });

  it('serves the resolution from the same route with ?document=resolution, under the same rule, and 404 for another document', async () => {
    const pdf = await get(`/meetings/${sealedId}/export/pdf?document=resolution`, 'member');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toMatch(
      /^attachment; filename="nghi-quyet-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    expect(fileClaims(new Uint8Array(await pdf.arrayBuffer()))).toMatchObject({
      format: 'pdf',
      hash,
      meetingId: sealedId,
      document: 'resolution',
    });
    const docx = await get(`/meetings/${sealedId}/export/docx?document=resolution`, 'member');
    expect(docx.status).toBe(200);
    expect(fileClaims(new Uint8Array(await docx.arrayBuffer()))).toMatchObject({
      format: 'docx',
      hash,
      document: 'resolution',
      textIntact: true,
    });
    const minutes = await get(`/meetings/${sealedId}/export/pdf?document=minutes`, 'member');
    expect(minutes.headers.get('content-disposition')).toContain('filename="bien-ban-');
    await minutes.arrayBuffer();

    expect((await get(`/meetings/${sealedId}/export/pdf?document=agenda`, 'member')).status).toBe(404);
    expect((await get(`/meetings/${sealedId}/export/pdf?document=`, 'member')).status).toBe(404);
    expect((await get(`/meetings/${sealedId}/export/pdf?document=resolution&document=minutes`, 'member')).status).toBe(
      404,
    );
    expect((await get(`/meetings/${sealedId}/export/pdf?document=resolution`)).status).toBe(401);
    expect((await get(`/meetings/${sealedId}/export/pdf?document=resolution`, 'stranger')).status).toBe(404);
    expect((await get(`/meetings/${secretId}/export/pdf?document=resolution`, 'member')).status).toBe(403);
    const manager = await get(`/meetings/${secretId}/export/docx?document=resolution`, 'secretary');
    expect(manager.status).toBe(200);
    expect(manager.headers.get('content-disposition')).toContain('filename="nghi-quyet-2026-12-20-du-thao.docx"');
  });

  it('links to the resolution from the meeting page and prints it', async () => {
    const page = await (await get(`/meetings/${sealedId}`, 'member')).text();
    expect(page).toContain('data-testid="export-resolution"');
    expect(page).toContain(`/meetings/${sealedId}/export/pdf?document=resolution`);
    expect(page).toContain(`/meetings/${sealedId}/print?document=resolution`);

    const print = await get(`/meetings/${sealedId}/print?document=resolution`, 'member');
    expect(print.status).toBe(200);
    const html = await print.text();
    expect(html).toContain('data-document="resolution"');
    expect(html).toContain(`data-hash="${hash}"`);
    expect(html).toContain('NGHỊ QUYẾT');
    expect(html).toContain('Nơi nhận:');
    expect((await get(`/meetings/${sealedId}/print?document=agenda`, 'member')).status).toBe(404);
    expect((await get(`/meetings/${secretId}/print?document=resolution`, 'member')).status).toBe(404);
    expect((await get(`/meetings/${secretId}/print?document=resolution`, 'secretary')).status).toBe(200);
  });

  it('checks a hash on the verify page', async () => {
    expect((await get('/verify', 'member')).status).toBe(200);
    const form = new FormData();
    form.set('hash', hash);
    const call = await callAction(server.url, cookies.member!, 'verifyAction', '/verify', [
      { status: 'idle', errors: {}, values: {} },
      form,
    ]);
    expect(call.result).toMatchObject({ status: 'success', code: 'matches', data: { result: 'matches' } });
    const unknown = new FormData();
    unknown.set('hash', 'd'.repeat(64));
    const other = await callAction(server.url, cookies.member!, 'verifyAction', '/verify', [
      { status: 'idle', errors: {}, values: {} },
      unknown,
    ]);
    expect(other.result).toMatchObject({ code: 'unknown' });
  });
});
