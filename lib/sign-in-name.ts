import { normalisePhone } from './phone';
import { emailSchema } from './schemas';

/**
 * What someone typed to say who they are: an email, or a phone number for a
 * member the cell knows by phone only (many of the oldest have no email). A
 * text with an @ is an email; anything else is read as a phone number, in
 * any of the ways people write one (lib/phone.ts). Null when it is neither.
 */
export type SignInName = { email: string } | { phone: string };

export function parseSignInName(raw: string): SignInName | null {
  const text = raw.trim();
  if (text.includes('@')) {
    const email = emailSchema.safeParse(text);
    return email.success ? { email: email.data } : null;
  }
  const phone = normalisePhone(text);
  return phone ? { phone } : null;
}

/** The name as one string, for keys and logs: the email, or the phone's digits. */
export function signInKey(name: SignInName): string {
  return 'email' in name ? name.email : name.phone;
}
