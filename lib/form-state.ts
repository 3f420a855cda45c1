/**
 * What a server action hands back to the form that called it. Messages are
 * already translated; values hold what the user typed (never passwords) so a
 * refused submission does not wipe the form.
 */
export interface FormState {
  status: 'idle' | 'error' | 'success';
  /** The stable id of a refusal (the key under "errors."), for the tests and the log. */
  code?: string;
  /** Translated message per field name; "_" for the form as a whole. */
  errors: Record<string, string>;
  /** A translated note for the whole form (success or failure). */
  message?: string;
  values: Record<string, string>;
  /** Results to show once, such as an invite link. */
  data?: Record<string, string>;
}

export const INITIAL_FORM_STATE: FormState = { status: 'idle', errors: {}, values: {} };
