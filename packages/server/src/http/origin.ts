import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { HttpError } from './errors.js';

/**
 * The origin check on state-changing requests (CF-1, defence in depth beside the CSRF token): a
 * browser names the page that sent a POST, PUT, PATCH or DELETE in its Origin header (or, failing
 * that, its Referer), and only Harbor's own pages may change anything.
 *
 * Harbor's own origin is HARBOR_PUBLIC_URL's when it is set (behind a reverse proxy the server
 * cannot tell its public address), and otherwise the scheme and host the request was sent to.
 * `Origin: null` (a sandboxed frame, a page with `Referrer-Policy: no-referrer` submitting a form)
 * and a request naming no page at all are refused too: every browser sends Origin on these
 * methods, and Harbor's own pages use `Referrer-Policy: same-origin` so their forms do.
 */
export type OriginVerdict =
  | { ok: true }
  | { ok: false; reason: 'foreign_origin' | 'origin_missing'; presented: string | null };

function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin.toLowerCase();
  } catch {
    return null;
  }
}

/** Harbor's own origin for this request. */
export function ownOrigin(req: FastifyRequest, config: Pick<Config, 'publicOrigin'>): string | null {
  if (config.publicOrigin) return originOf(config.publicOrigin);
  return originOf(`${req.protocol}://${req.host}`);
}

export function checkOrigin(req: FastifyRequest, config: Pick<Config, 'publicOrigin'>): OriginVerdict {
  const header = (name: string): string | null => {
    const v = req.headers[name];
    return typeof v === 'string' && v.length > 0 ? v : null;
  };
  const presented = header('origin') ?? header('referer');
  if (presented === null) return { ok: false, reason: 'origin_missing', presented: null };
  const own = ownOrigin(req, config);
  const theirs = originOf(presented);
  if (own !== null && theirs === own) return { ok: true };
  // Only the origin goes in the audit row, never a Referer's path or query.
  return { ok: false, reason: 'foreign_origin', presented: (theirs ?? 'null').slice(0, 200) };
}

export function originRefusal(verdict: Extract<OriginVerdict, { ok: false }>): HttpError {
  return verdict.reason === 'origin_missing'
    ? new HttpError(403, 'origin_missing', 'This change did not say which page sent it (no Origin or Referer header). Harbor accepts changes only from its own pages: open Harbor and try again there.')
    : new HttpError(403, 'foreign_origin', 'This change was sent from another site, not from Harbor. Harbor accepts changes only from its own pages: open Harbor at its own address and try again there.');
}
