import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '../../../../server/auth/options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth's endpoints; the options are built per request so the secret is read at request time. */
function handler(req: NextRequest, ctx: RouteContext) {
  return NextAuth(req, ctx, authOptions());
}

export { handler as GET, handler as POST };
