import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { signInSchema } from '../../lib/schemas';
import { CLIENT_ADDRESS_HEADER } from '../net/client-address';
import { SIGN_IN_LIMITED } from '../../lib/sign-in';
import { parseSignInName, signInKey } from '../../lib/sign-in-name';
import { getRuntime } from '../runtime';

/** How long a sign-in lasts without activity. */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** Claims our JWT carries besides next-auth's own. */
export interface SessionClaims {
  uid: string;
  /** users.session_version at sign-in; a bump revokes the token. */
  sv: number;
  admin: boolean;
}

/**
 * next-auth options, built per request so the secret is read at request time
 * (the process publishes it before Next handles anything).
 */
export function authOptions(): NextAuthOptions {
  const runtime = getRuntime();
  return {
    secret: runtime.authSecret,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'credentials',
        credentials: { login: { type: 'text' }, password: { type: 'password' } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          // An email, or a phone number written any way (a member known by phone only).
          const name = parseSignInName(parsed.data.login);
          const { password } = parsed.data;
          // Set by our HTTP server on every request, never taken from the client (server/net/client-address.ts).
          const header = req.headers?.[CLIENT_ADDRESS_HEADER];
          const address = typeof header === 'string' ? header : 'unknown';
          const { audit, accounts } = runtime.services;
          // What is not an email nor a phone number names nobody; it still counts against the address.
          const login = name ? signInKey(name) : parsed.data.login.toLowerCase();
          const limit = runtime.signInLimiter.attempt(login, address);
          if (!limit.allowed) {
            await audit.record({
              action: 'auth.sign_in_limited',
              address,
              details: { login, by: limit.by, retryAfterS: Math.ceil(limit.retryAfterMs / 1000) },
            });
            throw new Error(SIGN_IN_LIMITED);
          }
          const user = name
            ? await accounts.verifyCredentials(name, password).catch((error: unknown) => {
                limit.settle(false);
                throw error;
              })
            : null;
          limit.settle(user !== null);
          if (!user) {
            await audit.record({ action: 'auth.sign_in_refused', address, details: { login } });
            return null;
          }
          await audit.record({ action: 'auth.sign_in', actorId: user.id, address, cellId: null });
          return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion, admin: user.isAdmin };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as typeof user & { sv: number; admin: boolean };
          token.uid = u.id;
          token.sv = u.sv;
          token.admin = u.admin;
        }
        return token;
      },
      async session({ session, token }) {
        // The session version goes with the id, so every request can check that the session was not revoked.
        const claims = token as unknown as SessionClaims;
        return { ...session, user: { ...session.user, id: claims.uid, sv: claims.sv } };
      },
    },
  };
}
