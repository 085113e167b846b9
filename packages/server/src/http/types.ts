import type { Permission } from '@harbor/policy';
import type { Vault } from '../crypto/index.js';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, AuthUser } from '../access/index.js';
import type { Config } from '../config.js';
import type { DataLayer, UserRepository } from '../data/index.js';
import type { OriginVerdict } from './origin.js';

export type RoutePermission = Permission | 'public' | 'authenticated';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface HarborContext {
  readonly config: Config;
  // No raw database here (issue 11): routes reach it through `repoOf(req)` or `data`.
  /** The data layer: repositories bound to a caller (`forUser`, `forSystem`). */
  readonly data: DataLayer;
  readonly clock: Clock;
  /** Seals and opens records at rest, and keys their blind indexes. */
  readonly vault: Vault;
}

export interface SessionState {
  idHash: string;
  csrfToken: string;
  lastSeenAt: Date;
  mustChangePassword: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares the permission it needs; the guard refuses a route without one. */
    permission?: RoutePermission;
    /** The audit action for a refused or failed request on this route (successes are audited by the service). */
    auditAction?: string;
    /** The record type the `:id` path parameter names, for the audit row of a refusal. */
    recordType?: string;
    /** A request that must not extend the idle timer (the web app's idle-timer poll). */
    passive?: boolean;
    /** Routes a user who must change their password may still use. */
    allowPasswordChange?: boolean;
    /**
     * A public POST authorized by a signed, single-purpose token in its path and using no session
     * (the acknowledgment link's "Confirm receipt"): no CSRF token, since there is no session to
     * ride and whoever holds the link may confirm anyway.
     */
    tokenInPath?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
    user: AuthUser | null;
    /** The signed-in caller's repository (issue 11): every service reads and writes through it. Null before sign-in. */
    repo: UserRepository | null;
    session: SessionState | null;
    /** Why the presented session ended, when it was refused. */
    sessionEnded: 'idle' | 'expired' | null;
    /** True once the service has written the success audit row for this request. */
    audited: boolean;
    /** Why a state-changing request's origin was refused (http/origin.ts), for its audit row. */
    originRefused: Extract<OriginVerdict, { ok: false }> | null;
  }
}

export type HarborApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
> & { harbor: HarborContext };
