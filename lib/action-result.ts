/**
 * What an operation's server action hands back to the panel that called it.
 * Messages are already translated; `code` is the stable id of the refusal
 * (the key under "errors."); `fields` holds per-field messages when the input
 * was refused.
 */
export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; code: string; error: string; fields?: Record<string, string> };
