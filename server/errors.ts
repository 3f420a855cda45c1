/**
 * Errors a user can be shown. `code` is a stable id and also the key of the
 * translated message under "errors." in messages/*.json.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly details?: Record<string, string>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const invalidInput = (details?: Record<string, string>) => new AppError('invalid_input', 400, details);
export const notFound = (what = 'not_found') => new AppError(what, 404);
export const forbidden = () => new AppError('forbidden', 403);
export const conflict = (code: string) => new AppError(code, 409);

export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === 'AppError' && typeof (error as AppError).code === 'string';
}
