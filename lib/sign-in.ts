/** The error next-auth hands the sign-in form when an attempt was refused unchecked (too many failures). */
export const SIGN_IN_LIMITED = 'rate_limited';
