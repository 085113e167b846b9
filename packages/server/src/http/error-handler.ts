import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { HttpError } from './errors.js';
import { errorForLog, requestStrings } from './logger.js';
import { RequestValidationError } from './validation.js';

/**
 * Input the database itself refused, which validation could not foresee: a value taken by a
 * concurrent request (unique violation, 23505) is a conflict on the field the constraint names;
 * a value out of the database's range (class 22) is bad input. Never a 500.
 */
const uniqueFields: Readonly<Record<string, string>> = {
  offices_code_unique: 'code',
  users_username_unique: 'username',
};

function databaseInputError(err: unknown): { status: 400 | 409; field: string; message: string } | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const pg = e as { code?: unknown; constraint?: unknown };
    if (typeof pg.code !== 'string') continue;
    if (pg.code === '23505') {
      const constraint = typeof pg.constraint === 'string' ? pg.constraint : '';
      const field = uniqueFields[constraint] ?? 'value';
      return { status: 409, field, message: 'Already in use' };
    }
    if (pg.code.startsWith('22')) return { status: 400, field: 'body', message: 'A value is out of range' };
  }
  return null;
}

interface ErrorBody {
  error: string;
  message: string;
  requestId: string;
  fields?: { field: string; message: string }[];
}

/**
 * Turns every error into the one error shape. Bad input answers 400 naming the field; nothing
 * unexpected leaks its message (which might hold record data) to the caller; the log keeps it
 * with what might quote a record taken out (errorForLog).
 */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  const send = (status: number, body: Omit<ErrorBody, 'requestId'>, headers?: Record<string, string>) => {
    if (headers) void reply.headers(headers);
    void reply.status(status).send({ ...body, requestId: req.id });
  };

  if (err instanceof HttpError) {
    if (err.statusCode >= 500) req.log.error({ err: { code: err.code } }, 'request failed');
    send(err.statusCode, { error: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) }, err.headers);
    return;
  }
  const cause = (err as FastifyError & { validationContext?: string }) ?? {};
  if (err instanceof RequestValidationError) {
    send(400, { error: 'validation', message: `Check these fields: ${err.fields.map((f) => f.field).join(', ')}`, fields: err.fields });
    return;
  }
  const code = (err as FastifyError).code;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      send(400, {
        error: 'validation',
        message: 'body: The request body is not valid JSON.',
        fields: [{ field: 'body', message: 'Not valid JSON' }],
      });
      return;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      send(413, {
        error: 'body_too_large',
        message: 'body: The request body is too large.',
        fields: [{ field: 'body', message: 'Too large' }],
      });
      return;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      send(415, { error: 'unsupported_media_type', message: 'Send the request body as application/json.', fields: [{ field: 'body', message: 'Must be JSON' }] });
      return;
    case 'FST_ERR_VALIDATION': {
      const part = cause.validationContext ?? 'body';
      send(400, { error: 'validation', message: `${part}: ${err.message}`, fields: [{ field: part, message: err.message }] });
      return;
    }
    default:
      break;
  }
  const pgProblem = databaseInputError(err);
  if (pgProblem) {
    send(pgProblem.status, { error: pgProblem.status === 409 ? 'conflict' : 'validation', message: `${pgProblem.field}: ${pgProblem.message}`, fields: [{ field: pgProblem.field, message: pgProblem.message }] });
    return;
  }
  const status = (err as FastifyError).statusCode;
  if (status === 429) {
    send(429, { error: 'rate_limited', message: 'Too many requests. Wait a moment and try again.' });
    return;
  }
  if (status && status >= 400 && status < 500) {
    send(status, { error: 'bad_request', message: 'The request could not be understood.' });
    return;
  }
  // Unexpected: its kind, code, message and stack, so it can be found and fixed; nothing the
  // request carried (query values, body fields) and no database detail (http/logger.ts).
  req.log.error(
    { error: { ...errorForLog(err, requestStrings(req.query, req.body)), serialization: isResponseSerializationError(err) } },
    'unexpected error',
  );
  send(500, { error: 'internal', message: 'Something went wrong. The error has been logged; try again, and if it continues, tell the help desk this request id.' });
}
