import bcrypt from 'bcryptjs';

/** bcrypt cost: about a quarter of a second per hash on the reference 2-core machine. */
export const BCRYPT_COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/**
 * Compares against a throwaway hash when the email is unknown, so a wrong
 * email and a wrong password take the same time and reveal nothing.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= bcrypt.hash('not a password of anyone', BCRYPT_COST);
  await bcrypt.compare(password, await dummyHash);
  return false;
}
