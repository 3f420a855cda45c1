/** What a one-time password link is for: a first password (an invite), or a new one for someone who forgot theirs. */
export type LinkPurpose = 'invite' | 'reset';

/**
 * A link's purpose is the state of its account, not a stored flag: setting a
 * password spends every open link of the account, so an open link of an
 * account that has a password was made after it was set, to replace it.
 * Shared by the operation that hands links out (audit, confirmation), the
 * service that redeems them and the invite page.
 */
export function linkPurpose(account: { hasPassword: boolean }): LinkPurpose {
  return account.hasPassword ? 'reset' : 'invite';
}
