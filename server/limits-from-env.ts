/**
 * Named limits with defaults, each overridable by an environment variable
 * `<PREFIX><NAME>` holding a positive integer. A bad value throws at start-up,
 * naming the variable, instead of failing later.
 */
export function limitsFromEnv<T extends Record<string, number>>(
  defaults: Readonly<T>,
  prefix: string,
  env: Record<string, string | undefined>,
): T {
  const limits = { ...defaults } as Record<string, number>;
  for (const key of Object.keys(limits)) {
    const raw = env[`${prefix}${key}`];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${prefix}${key} must be a positive integer, got "${raw}"`);
    limits[key] = value;
  }
  return limits as T;
}
