/**
 * What a meeting operation's server action hands back to the panel that
 * called it. Messages are already translated; `fields` holds per-field
 * messages when the input was refused.
 */
export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; error: string; fields?: Record<string, string> };
