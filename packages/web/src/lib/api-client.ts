import { apiError } from '@harbor/policy/api';
import type { z } from 'zod';

/**
 * The one way the web app talks to the server: same-origin fetch with the session cookie, the
 * CSRF header on every change, answers checked against the shared zod schemas. Session-level
 * outcomes (signed out, must change password, activity) are published as events for the app.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null = null,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached or answered something that is not Harbor's. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

export type SessionEndCode = 'session_idle' | 'session_expired' | 'unauthenticated';
type Events = { ended: SessionEndCode; passwordChange: null; activity: null };
type Listener<K extends keyof Events> = (value: Events[K]) => void;
const listeners: { [K in keyof Events]: Set<Listener<K>> } = { ended: new Set(), passwordChange: new Set(), activity: new Set() };

export function onApiEvent<K extends keyof Events>(type: K, listener: Listener<K>): () => void {
  listeners[type].add(listener);
  return () => void listeners[type].delete(listener);
}
function emit<K extends keyof Events>(type: K, value: Events[K]): void {
  for (const l of listeners[type]) l(value);
}

let csrfToken = '';
/** Every session answer carries the CSRF token the next change must present. */
export const setCsrfToken = (token: string): void => void (csrfToken = token);

let serverOffsetMs = 0;
/** Converts a server timestamp to this browser's clock (the idle timer runs on the browser's). */
export const toLocalTime = (serverMs: number): number => serverMs - serverOffsetMs;

function noteServerClock(res: Response): void {
  const date = Date.parse(res.headers.get('date') ?? '');
  if (Number.isNaN(date)) return;
  const offset = date - Date.now();
  // The Date header has one-second resolution: ignore differences that small.
  serverOffsetMs = Math.abs(offset) < 2000 ? 0 : offset;
}

export interface RequestOptions {
  body?: unknown;
  /** Does not count as the user's activity (the session poll). */
  passive?: boolean;
  /** Publishes no session events (signing out of a session that may already have ended). */
  silent?: boolean;
}

/** Fetches a fresh CSRF token after a refusal; set by the session module. */
let renewCsrf: (() => Promise<void>) | null = null;
export const setCsrfRenewer = (fn: () => Promise<void>): void => void (renewCsrf = fn);

export async function request<S extends z.ZodType>(method: string, path: string, schema: S, opts: RequestOptions = {}, retried = false): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers, body: opts.body === undefined ? null : JSON.stringify(opts.body) });
  } catch {
    throw new NetworkError('network');
  }
  noteServerClock(res);
  const data: unknown = await res.json().catch(() => undefined);
  if (res.ok) {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new NetworkError('unexpected answer');
    if (!opts.passive) emit('activity', null);
    return parsed.data;
  }
  const body = apiError.safeParse(data);
  if (!body.success) throw new NetworkError(`status ${res.status}`);
  const { error: code, message, requestId, fields } = body.data;
  if (!opts.silent && res.status === 401 && (code === 'session_idle' || code === 'session_expired' || code === 'unauthenticated')) emit('ended', code);
  if (res.status === 403 && code === 'password_change_required') emit('passwordChange', null);
  if (res.status === 403 && code === 'csrf' && !retried && renewCsrf) {
    // Another tab signed in or out since this page read its token: read it again, try once more.
    await renewCsrf();
    return request(method, path, schema, opts, true);
  }
  throw new ApiError(res.status, code, message, requestId ?? null, fields ?? []);
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, opts?: RequestOptions) => request('GET', path, schema, opts),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown, opts?: RequestOptions) => request('POST', path, schema, { ...opts, body }),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown) => request('PATCH', path, schema, { body }),
  delete: <S extends z.ZodType>(path: string, schema: S, opts?: RequestOptions) => request('DELETE', path, schema, opts),
};

/** `?a=1&b=2` from the filters that are set. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
