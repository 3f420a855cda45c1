'use client';

/** The last refusal of a button or form, announced at once. */
export function OperationError({ message, testId = 'operation-error' }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <p className="field__error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
