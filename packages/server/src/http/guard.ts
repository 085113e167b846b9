import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRepository } from '../data/index.js';
import { can, recordRouteNoun, type Actor } from '../access/index.js';
import { loadAuthUser } from '../auth/index.js';
import { deleteSession, lookupSession, preSessionCsrfCookie, sessionCookie } from '../auth/index.js';
import { sameToken } from '../auth/index.js';
import { HttpError, notFound, unauthenticated } from './errors.js';
import { errorForLog } from './logger.js';
import { checkOrigin, originRefusal } from './origin.js';
import type { HarborApp } from './types.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isApiRoute(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}

/**
 * Runs before every API request: who is calling (session cookie), CSRF on state-changing
 * requests, and the route's declared permission. Record-level scope is the data layer's.
 */
export function installGuard(app: HarborApp): void {
  const { config, clock, data } = app.harbor;

  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionEnded', null);
  app.decorateRequest('audited', false);
  app.decorateRequest('originRefused', null);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('repo', null);

  app.addHook('onRequest', async (req: FastifyRequest) => {
    const setActor = () => {
      req.actor = { user: req.user, requestId: req.id, clientAddress: req.ip };
      req.repo = req.user ? data.forUser(req.actor) : null;
    };
    setActor();
    // Decide from the route the router matched, never from the URL as written: `/%61pi/users`
    // and `http://host/api/users` reach the same handler as `/api/users`. Every API route
    // declares a permission (app.ts refuses to start otherwise; the API documentation is given
    // 'authenticated'); what declares none is the web app's files and "not found".
    const routeConfig = req.routeOptions.config;
    const permission = routeConfig.permission;
    if (permission === undefined) return;

    const token = req.cookies[sessionCookie];
    if (token) {
      // Who is calling is the system's question (nobody is signed in until it is answered). A
      // lookup, not a unit: its reads (and the rare touch or removal of the session, each one
      // statement) need no transaction, so no begin and commit on every request.
      const found = await data.forSystem('session', { requestId: req.id, clientAddress: req.ip }).lookup(async (u) => {
        const session = await lookupSession(u.db, token, clock.now(), config, routeConfig.passive === true);
        if (session.status !== 'active') return { session, user: null };
        const user = await loadAuthUser(u.db, session.userId);
        if (!user) await deleteSession(u.db, session.session.idHash);
        return { session, user };
      });
      if (found.session.status === 'active') {
        if (found.user) {
          req.user = found.user;
          req.session = found.session.session;
        }
      } else if (found.session.status !== 'none') {
        req.sessionEnded = found.session.status;
      }
    }
    setActor();

    // A caller without a live session is told so (and why it ended) before anything else: a
    // request that cannot act needs no CSRF check, and the web app must learn of an idle lock.
    if (permission !== 'public' && !req.user) throw unauthenticated(req.sessionEnded ?? 'none');

    if (!safeMethods.has(req.method)) {
      // Changes come only from Harbor's own pages (http/origin.ts). A signed-in caller's refusal
      // is audited by the onSend hook below; an anonymous one's here.
      const verdict = checkOrigin(req, config);
      if (!verdict.ok) {
        if (!req.user) {
          const entry = {
            action: routeConfig.auditAction ?? `${req.method} ${req.routeOptions.url ?? 'unknown'}`,
            outcome: 'denied' as const,
            detail: { status: 403, reason: verdict.reason, origin: verdict.presented, route: req.routeOptions.url ?? null, method: req.method },
          };
          await data.forSystem('guard', { requestId: req.id, clientAddress: req.ip }).unit((u) => Promise.resolve(u.audit(entry, req.actor)));
        }
        req.originRefused = verdict;
        throw originRefusal(verdict);
      }
    }
    if (!safeMethods.has(req.method) && !(permission === 'public' && routeConfig.tokenInPath === true)) {
      const expected = req.session ? req.session.csrfToken : req.cookies[preSessionCsrfCookie];
      const presented = req.headers['x-csrf-token'];
      if (!sameToken(typeof presented === 'string' ? presented : null, expected)) {
        throw new HttpError(403, 'csrf', 'This form has expired. Reload the page and try again.');
      }
    }

    if (permission === 'public') return;
    if (!req.user) throw unauthenticated(req.sessionEnded ?? 'none');
    if (req.session?.mustChangePassword && routeConfig.allowPasswordChange !== true) {
      throw new HttpError(403, 'password_change_required', 'Change your password before you continue.');
    }
    if (!can(req.user, permission)) {
      // CF-1: on a record route, a role that may never use it gets the out-of-reach answer (404).
      const noun = recordRouteNoun(req.routeOptions.url);
      throw noun ? notFound(noun) : new HttpError(403, 'forbidden', 'You do not have permission to do this.');
    }
  });

  // Every refusal or failure a signed-in user meets on an API route is in the audit trail.
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
    const cfg = req.routeOptions.config;
    if (!req.user || cfg.permission === undefined || reply.statusCode < 400 || reply.statusCode === 401) return payload;
    const params = (req.params ?? {}) as Record<string, unknown>;
    // The record the refused request was about: `:id`, or the referral or office a route names.
    const named = ['id', 'referralId', 'officeId'].map((k) => params[k]).find((v): v is string => typeof v === 'string');
    const recordId = named ? named.slice(0, 80) : null;
    try {
      await repoOf(req).unit((u) =>
        Promise.resolve(
          u.audit({
        action: cfg.auditAction ?? `${req.method} ${req.routeOptions.url ?? 'unknown'}`,
        recordType: cfg.recordType ?? null,
        recordId,
        // A refusal (no permission, out of reach, over a per-user limit) is 'denied'; anything else a failure.
        outcome: reply.statusCode === 403 || reply.statusCode === 404 || reply.statusCode === 429 ? 'denied' : 'failure',
        detail: {
          status: reply.statusCode,
          route: req.routeOptions.url ?? null,
          method: req.method,
          ...(req.originRefused ? { reason: req.originRefused.reason, origin: req.originRefused.presented } : {}),
        },
      }),
        ),
      );
    } catch (err) {
      req.log.error({ error: errorForLog(err) }, 'could not write the audit row of a refused request');
    }
    return payload;
  });
}

/** The signed-in caller's repository (every route but the public ones has one; the guard has refused the rest). */
export function repoOf(req: FastifyRequest): UserRepository {
  if (!req.repo) throw unauthenticated();
  return req.repo;
}
