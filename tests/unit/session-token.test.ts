import type { IncomingMessage } from 'node:http';
import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken, tokenFromRequest } from '../../server/auth/token';
import { sessionCookieFor } from '../helpers/session';

const SECRET = 'một bí mật đủ dài cho phiên đăng nhập';
const USER = { id: 'u-1', email: 'an@chibo.vn', name: 'Nguyễn Văn An', sessionVersion: 3 };

const upgradeWith = (cookie: string) => ({ headers: { cookie } }) as unknown as IncomingMessage;

describe('the session token of a websocket upgrade', () => {
  it('decodes to exactly what next-auth itself decodes', async () => {
    const token = await encode({ secret: SECRET, token: { uid: USER.id, sv: 3, name: USER.name } });
    const ours = await decodeSessionToken({ token, secret: SECRET });
    expect(ours).toEqual(await decode({ token, secret: SECRET }));
    expect(ours).toMatchObject({ uid: USER.id, sv: 3, name: USER.name });
    // The second time, with the key already derived, the answer is the same.
    expect(await decodeSessionToken({ token, secret: SECRET })).toEqual(ours);
  });

  it('gives the claims of a valid cookie, and nothing for another installation’s, an expired or a garbled one', async () => {
    expect(await tokenFromRequest(upgradeWith(await sessionCookieFor(SECRET, USER)), SECRET)).toMatchObject({
      uid: USER.id,
      sv: 3,
      admin: false,
    });
    const foreign = await sessionCookieFor('bí mật của nơi khác, cũng đủ dài', USER);
    expect(await tokenFromRequest(upgradeWith(foreign), SECRET)).toBeNull();
    const expired = await sessionCookieFor(SECRET, USER, -60);
    expect(await tokenFromRequest(upgradeWith(expired), SECRET)).toBeNull();
    const garbled = (await sessionCookieFor(SECRET, USER)).slice(0, -5) + 'xxxxx';
    expect(await tokenFromRequest(upgradeWith(garbled), SECRET)).toBeNull();
  });
});
