/** An error that becomes an HTTP answer. Messages are written for the user and hold no record data. */
export interface FieldError {
  field: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what = 'record') => new HttpError(404, 'not_found', `No such ${what}, or you do not have access to it.`);
export const forbidden = (message = 'You do not have permission to do this.') => new HttpError(403, 'forbidden', message);
export const unauthenticated = (reason: 'none' | 'idle' | 'expired' = 'none') =>
  new HttpError(
    401,
    reason === 'idle' ? 'session_idle' : reason === 'expired' ? 'session_expired' : 'unauthenticated',
    reason === 'idle'
      ? 'Your session was locked after a period of inactivity. Sign in again.'
      : reason === 'expired'
        ? 'Your session has ended. Sign in again.'
        : 'Sign in to continue.',
  );
export const conflict = (message: string) => new HttpError(409, 'conflict', message);
export const badRequest = (field: string, message: string) =>
  new HttpError(400, 'validation', `${field}: ${message}`, [{ field, message }]);
export const duplicate = (field: string, message: string) =>
  new HttpError(409, 'conflict', `${field}: ${message}`, [{ field, message }]);
