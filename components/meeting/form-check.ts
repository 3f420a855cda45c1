import type { z } from 'zod';
import type { Translate } from '../../lib/i18n';
import type { ClientRefusal } from './client-refusal';

/**
 * The meeting forms' schemas, loaded with the first form a person sends:
 * zod and the schemas are a fifth of the page's script, and reading or
 * writing the minutes needs none of it. The server checks every input again.
 */
export function meetingSchemas(): Promise<typeof import('../../lib/meeting-schemas')> {
  return import('../../lib/meeting-schemas');
}

/** The message and fields of a refused input (see client-refusal.ts), loaded as the schemas are. */
export async function refusalOf(
  t: Translate,
  has: (key: string) => boolean,
  error: z.ZodError,
): Promise<ClientRefusal> {
  const { describeRefusal } = await import('./client-refusal');
  return describeRefusal(t, has, error);
}
