import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

/**
 * Structured JSON logs with request ids and no personal data: only method, route pattern,
 * status and timing. Query strings (which may carry a search for a name), bodies, cookies and
 * headers are never logged.
 */
export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    base: { service: 'harbor' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    serializers: {
      req(req: { method?: string; routeOptions?: { url?: string }; url?: string; id?: string }) {
        const path = req.routeOptions?.url ?? (req.url ?? '').split('?')[0];
        return { method: req.method, route: path, id: req.id };
      },
      res(res: { statusCode?: number }) {
        return { statusCode: res.statusCode };
      },
    },
    redact: { paths: ['req.headers', 'headers', 'cookie', 'password', '*.password', 'body'], remove: true },
  };
}

/** An error as the log keeps it (pino's `err`): its kind, code, message and stack, and its cause's. */
export interface LoggedError {
  type: string;
  code: string | null;
  message: string;
  stack: string | null;
  cause?: LoggedError;
}

const maxMessage = 2000;
const maxFrames = 40;
const redacted = '[not logged]';

/** Strings a request carried (query values, body fields): they never reach the log, even quoted in an error. */
export function requestStrings(...sources: unknown[]): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (out.size >= 500 || depth > 8) return;
    if (typeof v === 'string') {
      // Short strings ("id", "12") would blot out the stack's line numbers and say nothing of anyone.
      if (v.trim().length >= 4) out.add(v);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
    } else if (v && typeof v === 'object') {
      for (const x of Object.values(v)) walk(x, depth + 1);
    }
  };
  for (const s of sources) walk(s, 0);
  // Longest first, so a value is not half-replaced by a shorter one inside it.
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * What an error's words may quote and the log must not: the parameters a failed query carried
 * (Drizzle writes them after "params:"), a value PostgreSQL quotes back (`invalid input syntax
 * for type uuid: "..."`), and every string the request carried.
 */
function scrub(text: string, secrets: readonly string[]): string {
  let t = text.replace(/\nparams: [^\n]*/g, `\nparams: ${redacted}`).replace(/: "(?:[^"\\]|\\.)*"/g, `: "${redacted}"`);
  for (const s of secrets) if (t.includes(s)) t = t.split(s).join(redacted);
  return t;
}

/**
 * An unexpected error for the log, with its message and stack so that it can be found and fixed,
 * and without personal data: see `scrub`. Never the error object itself (a database error
 * carries `detail`, `where` and the failing row; pino would log them all).
 */
export function errorForLog(err: unknown, secrets: readonly string[] = [], depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: err === null ? 'null' : typeof err, code: null, message: 'A value that is not an Error was thrown', stack: null };
  const e = err as Error & { code?: unknown; cause?: unknown };
  const message = scrub(e.message, secrets).slice(0, maxMessage);
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, maxFrames);
  const logged: LoggedError = {
    type: e.name,
    code: typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : null,
    message,
    stack: frames.length > 0 ? scrub([`${e.name}: ${message}`, ...frames].join('\n'), secrets) : null,
  };
  if (e.cause !== undefined && depth < 3) logged.cause = errorForLog(e.cause, secrets, depth + 1);
  return logged;
}
