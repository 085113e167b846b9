import { permissionsOf } from '@harbor/policy';
import type { SessionInfo, SignInBody } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import type { Actor, AuthUser } from '../access/index.js';
import type { Config } from '../config.js';
import type { SystemRepository, UserRepository } from '../data/index.js';
import { users } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import type { SessionState } from '../http/types.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { findUserByUsername, loadAuthUser } from './queries.js';
import { createSession, deleteSession, deleteSessionsOfUser, touchSession } from './sessions.js';
import { clearThrottle, lockIfOverThreshold, reserveAttempt, throttleKey } from './throttle.js';

const badCredentials = () => new HttpError(401, 'invalid_credentials', 'The username or password is not right.');

function throttled(reason: 'locked' | 'slow_down', retryAt: Date, now: Date): HttpError {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  return reason === 'locked'
    ? new HttpError(429, 'locked', `Too many failed sign-ins for this username. Try again in ${Math.ceil(seconds / 60)} minutes, or ask an administrator to reset the password.`, undefined, { 'retry-after': String(seconds) })
    : new HttpError(429, 'slow_down', `Too many failed sign-ins. Wait ${seconds} seconds before you try again.`, undefined, { 'retry-after': String(seconds) });
}

export interface SignInResult {
  token: string;
  user: AuthUser;
  session: SessionState;
}

/**
 * Known and unknown usernames take the same path: the throttle is kept per name, and an unknown
 * name is checked against a dummy hash, so neither the answer nor its time tells them apart.
 *
 * Issue 11: the caller is not signed in yet, so the work is the system's (`forSystem('sign-in')`),
 * in three units: the attempt is taken (and committed) before the password is checked, so guesses
 * fired at once meet the back-off; then the failure, or the session. Each audit row names the
 * caller (the anonymous request, or the user it signed in).
 */
export async function signIn(repo: SystemRepository, config: Config, actor: Actor, body: SignInBody, now: Date, previous: SessionState | null = null): Promise<SignInResult> {
  const key = throttleKey(body.username);
  const { verdict, record } = await repo.unit(async (u) => ({ verdict: await reserveAttempt(u.db, key, now), record: await findUserByUsername(u.db, body.username) }));
  if (!verdict.allowed) {
    await repo.unit((u) => Promise.resolve(u.audit({ action: 'auth.sign_in', recordType: 'user', recordId: record?.id ?? null, outcome: 'denied', detail: { reason: verdict.reason } }, actor)));
    throw throttled(verdict.reason, verdict.retryAt, now);
  }
  const passwordOk = await verifyPassword(record?.passwordHash ?? null, body.password);
  if (!record || !passwordOk || record.disabledAt) {
    const locked = await repo.unit(async (u) => {
      const didLock = await lockIfOverThreshold(u.db, key, verdict.attempts ?? 0, now, config);
      u.audit(
        {
          action: 'auth.sign_in',
          recordType: 'user',
          recordId: record?.id ?? null,
          outcome: 'failure',
          detail: { reason: !record ? 'unknown_user' : record.disabledAt ? 'disabled' : 'bad_password', locked: didLock },
        },
        actor,
      );
      return didLock;
    });
    if (locked) throw throttled('locked', new Date(now.getTime() + config.lockoutMs), now);
    throw badCredentials();
  }
  return repo.unit(async (u) => {
    await clearThrottle(u.db, key);
    // A new sign-in never continues an old session (no fixation): the one presented ends here.
    if (previous) await deleteSession(u.db, previous.idHash);
    const user = await loadAuthUser(u.db, record.id);
    if (!user) throw badCredentials();
    const { token, csrfToken, idHash } = await createSession(u.db, record.id, actor.clientAddress, now, config);
    await u.db.update(users).set({ lastSignInAt: now }).where(eq(users.id, record.id));
    u.audit({ action: 'auth.sign_in', recordType: 'user', recordId: record.id }, { ...actor, user });
    return { token, user, session: { idHash, csrfToken, lastSeenAt: now, mustChangePassword: record.mustChangePassword } };
  });
}

export async function signOut(repo: UserRepository, session: SessionState | null): Promise<void> {
  if (!session) return;
  await repo.unit(async (u) => {
    await deleteSession(u.db, session.idHash);
    u.audit({ action: 'auth.sign_out', recordType: 'user', recordId: u.user.id });
  });
}

/** The idle dialog's "Stay signed in": the caller's own session, in the caller's unit. */
export async function keepAlive(repo: UserRepository, session: SessionState, now: Date): Promise<void> {
  await repo.unit((u) => touchSession(u.db, session.idHash, now));
}

export function describeSession(
  user: AuthUser | null,
  session: SessionState | null,
  csrfToken: string,
  config: Config,
  ended: SessionInfo['endedReason'],
): SessionInfo {
  return {
    user: user
      ? {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          roles: [...user.roles],
          office: { id: user.officeId, code: user.officeCode, name: user.officeName },
          regionCode: user.regionCode,
        }
      : null,
    permissions: user ? permissionsOf(user.roles) : [],
    csrfToken,
    idleTimeoutSeconds: Math.round(config.idleTimeoutMs / 1000),
    idleExpiresAt: session ? new Date(session.lastSeenAt.getTime() + config.idleTimeoutMs).toISOString() : null,
    endedReason: ended,
    mustChangePassword: session?.mustChangePassword ?? false,
  };
}

export async function changeOwnPassword(repo: UserRepository, config: Config, current: string, next: string, session: SessionState, now: Date): Promise<void> {
  const user = repo.user;
  // Guesses at the current password count against the same per-name limit as sign-in (the attempt commits first).
  const key = throttleKey(user.username);
  const { verdict, passwordHash: stored } = await repo.unit(async (u) => {
    const v = await reserveAttempt(u.db, key, now);
    const [row] = await u.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).limit(1);
    return { verdict: v, passwordHash: row?.passwordHash ?? null };
  });
  if (!verdict.allowed) throw throttled(verdict.reason, verdict.retryAt, now);
  if (!(await verifyPassword(stored, current))) {
    await repo.unit((u) => lockIfOverThreshold(u.db, key, verdict.attempts ?? 0, now, config));
    throw new HttpError(400, 'validation', 'currentPassword: The current password is not right.', [
      { field: 'currentPassword', message: 'The current password is not right' },
    ]);
  }
  if (current === next) {
    throw new HttpError(400, 'validation', 'newPassword: Choose a password different from the current one.', [
      { field: 'newPassword', message: 'Choose a different password' },
    ]);
  }
  const passwordHash = await hashPassword(next);
  await repo.unit(async (u) => {
    await clearThrottle(u.db, key);
    await u.db.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, user.id));
    // Other sessions of this user end; this one stays.
    await deleteSessionsOfUser(u.db, user.id, session.idHash);
    u.audit({ action: 'auth.change_password', recordType: 'user', recordId: user.id });
  });
}
