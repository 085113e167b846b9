import { permissionsOf } from '@harbor/policy';
import type { SessionInfo, SignInBody } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import type { Actor, AuthUser } from '../access/index.js';
import { appendAudit, audited, auditAlone } from '../audit/index.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import type { SessionState } from '../http/types.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { findUserByUsername, loadAuthUser } from './queries.js';
import { createSession, deleteSession, deleteSessionsOfUser } from './sessions.js';
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
 */
export async function signIn(db: Db, config: Config, actor: Actor, body: SignInBody, now: Date, previous: SessionState | null = null): Promise<SignInResult> {
  const key = throttleKey(body.username);
  const verdict = await reserveAttempt(db, key, now);
  const record = await findUserByUsername(db, body.username);
  if (!verdict.allowed) {
    await auditAlone(db, actor, { action: 'auth.sign_in', recordType: 'user', recordId: record?.id ?? null, outcome: 'denied', detail: { reason: verdict.reason } });
    throw throttled(verdict.reason, verdict.retryAt, now);
  }
  const passwordOk = await verifyPassword(record?.passwordHash ?? null, body.password);
  if (!record || !passwordOk || record.disabledAt) {
    const locked = await db.transaction(async (tx) => {
      const didLock = await lockIfOverThreshold(tx, key, verdict.attempts ?? 0, now, config);
      await appendAudit(tx, actor, {
        action: 'auth.sign_in',
        recordType: 'user',
        recordId: record?.id ?? null,
        outcome: 'failure',
        detail: { reason: !record ? 'unknown_user' : record.disabledAt ? 'disabled' : 'bad_password', locked: didLock },
      });
      return didLock;
    });
    if (locked) throw throttled('locked', new Date(now.getTime() + config.lockoutMs), now);
    throw badCredentials();
  }
  return db.transaction(async (tx) => {
    await clearThrottle(tx, key);
    // A new sign-in never continues an old session (no fixation): the one presented ends here.
    if (previous) await deleteSession(tx, previous.idHash);
    const user = await loadAuthUser(tx, record.id);
    if (!user) throw badCredentials();
    const { token, csrfToken, idHash } = await createSession(tx, record.id, actor.clientAddress, now, config);
    await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, record.id));
    await appendAudit(tx, { ...actor, user }, { action: 'auth.sign_in', recordType: 'user', recordId: record.id });
    return { token, user, session: { idHash, csrfToken, lastSeenAt: now, mustChangePassword: record.mustChangePassword } };
  });
}

export async function signOut(db: Db, actor: Actor, session: SessionState | null): Promise<void> {
  if (!session) return;
  await audited(db, actor, async (tx, audit) => {
    await deleteSession(tx, session.idHash);
    await audit({ action: 'auth.sign_out', recordType: 'user', recordId: actor.user?.id ?? null });
  });
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

export async function changeOwnPassword(db: Db, config: Config, actor: Actor, current: string, next: string, session: SessionState, now: Date): Promise<void> {
  const user = actor.user;
  if (!user) throw badCredentials();
  // Guesses at the current password count against the same per-name limit as sign-in.
  const key = throttleKey(user.username);
  const verdict = await reserveAttempt(db, key, now);
  if (!verdict.allowed) throw throttled(verdict.reason, verdict.retryAt, now);
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).limit(1);
  if (!(await verifyPassword(row?.passwordHash ?? null, current))) {
    await db.transaction((tx) => lockIfOverThreshold(tx, key, verdict.attempts ?? 0, now, config));
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
  await audited(db, actor, async (tx, audit) => {
    await clearThrottle(tx, key);
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, user.id));
    // Other sessions of this user end; this one stays.
    await deleteSessionsOfUser(tx, user.id, session.idHash);
    await audit({ action: 'auth.change_password', recordType: 'user', recordId: user.id });
  });
}
