/**
 * Caret and presence colours: dark enough for white text on them and for a
 * caret on white paper. A user keeps one colour everywhere: the collaboration
 * server writes it into the awareness state others see, and the browser uses
 * it for its own caret and its own entry in the presence list.
 */
const USER_COLORS = ['#b91c1c', '#1d4ed8', '#047857', '#7c3aed', '#b45309', '#be185d', '#0e7490', '#4d7c0f'] as const;

export function userColor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return USER_COLORS[hash % USER_COLORS.length]!;
}

/** A colour from an awareness state, or undefined when it is not a plain hex colour. */
export function safeColor(value: unknown): string | undefined {
  return typeof value === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(value) ? value : undefined;
}
