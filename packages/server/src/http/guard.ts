import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRepository } from '../data/index.js';
import { can, recordRouteNoun, type Actor } from '../access/index.js';
import { auditAlone } from '../audit/index.js';
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
  const { config, clock, database, data } = app.harbor;

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
      const found = await lookupSession(database.db, token, clock.now(), config, routeConfig.passive === true);
      if (found.status === 'active') {
        const user = await loadAuthUser(database.db, found.userId);
        if (user) {
          req.user = user;
          req.session = found.session;
        } else {
          await deleteSession(database.db, found.session.idHash);
        }
      } else if (found.status !== 'none') {
        req.sessionEnded = found.status;
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
          await auditAlone(database.db, req.actor, {
            action: routeConfig.auditAction ?? `${req.method} ${req.routeOptions.url ?? 'unknown'}`,
            outcome: 'denied',
            detail: { status: 403, reason: verdict.reason, origin: verdict.presented, route: req.routeOptions.url ?? null, method: req.method },
          });
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
      await auditAlone(database.db, req.actor, {
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
      });
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
