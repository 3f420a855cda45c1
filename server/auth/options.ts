import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { signInSchema } from '../../lib/schemas';
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
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          const user = await runtime.services.accounts.verifyCredentials(parsed.data.email, parsed.data.password);
          if (!user) return null;
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
        const claims = token as unknown as SessionClaims;
        return { ...session, user: { ...session.user, id: claims.uid } };
      },
    },
  };
}
