/**
 * A Vietnamese phone number as digits starting with 0, or null if it is not
 * one: spaces, dots, dashes and brackets are dropped, +84 or 84 becomes 0,
 * and nine digits without the 0 (Excel drops a leading zero from a number)
 * get it back. Mobile numbers have ten digits, landlines eleven. Stored
 * numbers and numbers typed to sign in both pass through it, so any way of
 * writing a number finds the same member.
 */
export function normalisePhone(raw: string): string | null {
  let digits = raw.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
  else if (/^[1-9]\d{8}$/.test(digits)) digits = `0${digits}`;
  return /^0\d{9,10}$/.test(digits) ? digits : null;
}
