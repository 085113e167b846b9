import { changePasswordBody, okResponse, sessionInfo, signInBody } from '@harbor/policy/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HarborApp } from '../http/types.js';
import { repoOf } from '../http/guard.js';
import { changeOwnPassword, describeSession, keepAlive, signIn, signOut } from './service.js';
import { preSessionCsrfCookie, sessionCookie } from './sessions.js';
import { newToken } from './tokens.js';

export function registerAuthRoutes(app: HarborApp): void {
  const { config, data, clock } = app.harbor;
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.secureCookies };

  /** Before sign-in, the CSRF token is a double-submit pair: an HttpOnly cookie and the same value in the header. */
  function preSessionToken(req: FastifyRequest, reply: FastifyReply): string {
    const existing = req.cookies[preSessionCsrfCookie];
    if (existing && existing.length >= 32) return existing;
    const token = newToken();
    void reply.setCookie(preSessionCsrfCookie, token, cookieBase);
    return token;
  }

  app.get(
    '/api/session',
    {
      config: { permission: 'public', passive: true, allowPasswordChange: true },
      schema: { summary: 'The signed-in user, their permissions, the CSRF token and the idle timer', tags: ['auth'], response: { 200: sessionInfo } },
    },
    async (req, reply) => {
      if (!req.user && req.cookies[sessionCookie]) void reply.clearCookie(sessionCookie, cookieBase);
      const csrf = req.session ? req.session.csrfToken : preSessionToken(req, reply);
      return describeSession(req.user, req.session, csrf, config, req.sessionEnded);
    },
  );

  app.post(
    '/api/session',
    {
      config: { permission: 'public', auditAction: 'auth.sign_in', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { summary: 'Sign in', tags: ['auth'], body: signInBody, response: { 200: sessionInfo } },
    },
    async (req, reply) => {
      const now = clock.now();
      const { token, user, session } = await signIn(data.forSystem('sign-in', { requestId: req.id, clientAddress: req.ip }), config, req.actor, req.body, now, req.session);
      void reply.setCookie(sessionCookie, token, cookieBase);
      void reply.clearCookie(preSessionCsrfCookie, cookieBase);
      return describeSession(user, session, session.csrfToken, config, null);
    },
  );

  app.delete(
    '/api/session',
    {
      config: { permission: 'authenticated', allowPasswordChange: true, auditAction: 'auth.sign_out' },
      schema: { summary: 'Sign out', tags: ['auth'], response: { 200: okResponse } },
    },
    async (req, reply) => {
      await signOut(repoOf(req), req.session);
      void reply.clearCookie(sessionCookie, cookieBase);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/session/keepalive',
    {
      config: { permission: 'authenticated', allowPasswordChange: true },
      schema: { summary: 'Stay signed in: restart the idle timer', tags: ['auth'], response: { 200: sessionInfo } },
    },
    async (req) => {
      const now = clock.now();
      if (req.session) {
        await keepAlive(repoOf(req), req.session, now);
        req.session.lastSeenAt = now;
      }
      return describeSession(req.user, req.session, req.session?.csrfToken ?? '', config, null);
    },
  );

  app.post(
    '/api/session/password',
    {
      config: { permission: 'authenticated', allowPasswordChange: true, auditAction: 'auth.change_password' },
      schema: { summary: 'Change your own password', tags: ['auth'], body: changePasswordBody, response: { 200: okResponse } },
    },
    async (req) => {
      if (!req.session) return { ok: true as const };
      await changeOwnPassword(repoOf(req), config, req.body.currentPassword, req.body.newPassword, req.session, clock.now());
      return { ok: true as const };
    },
  );
}
