'use client';

import { useCallback, useState, useTransition } from 'react';
import type { ActionResult } from '../../lib/action-result';

export interface Operation {
  /** Runs a server action; resolves with its result, and keeps its error message for display. */
  run<T>(action: () => Promise<ActionResult<T>>): Promise<ActionResult<T> | null>;
  pending: boolean;
  error: string | null;
  fields: Record<string, string>;
  clear(): void;
  /** Shows a message found before sending (the same words the server would use). */
  refuse(message: string, fields?: Record<string, string>): void;
}

/**
 * One button's or form's call to the server: pending while it runs, its
 * translated error afterwards. A failed network call (offline) is reported in
 * words too, instead of leaving the button spinning.
 */
export function useOperation(networkError: string): Operation {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const run = useCallback(
    <T>(action: () => Promise<ActionResult<T>>) =>
      new Promise<ActionResult<T> | null>((resolve) => {
        setError(null);
        setFields({});
        startTransition(async () => {
          try {
            const result = await action();
            if (!result.ok) {
              setError(result.error);
              setFields(result.fields ?? {});
            }
            resolve(result);
          } catch {
            setError(networkError);
            resolve(null);
          }
        });
      }),
    [networkError],
  );

  const clear = useCallback(() => {
    setError(null);
    setFields({});
  }, []);

  const refuse = useCallback((message: string, refused: Record<string, string> = {}) => {
    setError(message);
    setFields(refused);
  }, []);

  return { run, pending, error, fields, clear, refuse };
}
