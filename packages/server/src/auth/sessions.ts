import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { UnitDb } from '../data/index.js';
import { sessions, users } from '../db/schema.js';
import type { SessionState } from '../http/types.js';
import { newToken, sha256 } from './tokens.js';

export const sessionCookie = 'harbor_session';
export const preSessionCsrfCookie = 'harbor_csrf';

/** Writes to last_seen_at at most this often; the idle timer is minutes long. */
const touchEveryMs = 15_000;

export async function createSession(
  db: UnitDb,
  userId: string,
  clientAddress: string | null,
  now: Date,
  config: Config,
): Promise<{ token: string; csrfToken: string; idHash: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const idHash = sha256(token);
  await db.insert(sessions).values({
    idHash,
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + config.sessionMaxMs),
    clientAddress,
  });
  return { token, csrfToken, idHash };
}

export type SessionLookup =
  | { status: 'active'; userId: string; session: SessionState }
  | { status: 'idle' | 'expired' | 'none' };

/**
 * Finds the session behind a cookie. An idle or expired one is reported as such to every request
 * that presents it (so the sign-in page can say why it ended) and is deleted by the sweep.
 */
export async function lookupSession(db: UnitDb, token: string, now: Date, config: Config, passive: boolean): Promise<SessionLookup> {
  const idHash = sha256(token);
  const [row] = await db
    .select({
      userId: sessions.userId,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      mustChangePassword: users.mustChangePassword,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash))
    .limit(1);
  if (!row) return { status: 'none' };
  const idle = now.getTime() - row.lastSeenAt.getTime() >= config.idleTimeoutMs;
  const expired = now.getTime() >= row.expiresAt.getTime();
  if (idle || expired) return { status: idle ? 'idle' : 'expired' };
  let lastSeenAt = row.lastSeenAt;
  if (!passive && now.getTime() - row.lastSeenAt.getTime() >= touchEveryMs) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
    lastSeenAt = now;
  }
  return {
    status: 'active',
    userId: row.userId,
    session: { idHash, csrfToken: row.csrfToken, lastSeenAt, mustChangePassword: row.mustChangePassword },
  };
}

/** Marks the session active now (the idle dialog's "Stay signed in"). */
export async function touchSession(db: UnitDb, idHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: UnitDb, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Ends every session of a user, except `keep` (the caller's own, when they change their password). */
export async function deleteSessionsOfUser(db: UnitDb, userId: string, keep?: string): Promise<void> {
  await db.delete(sessions).where(keep ? and(eq(sessions.userId, userId), ne(sessions.idHash, keep)) : eq(sessions.userId, userId));
}

export async function purgeStaleSessions(db: UnitDb, now: Date, config: Config): Promise<void> {
  const idleBefore = new Date(now.getTime() - config.idleTimeoutMs);
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)));
}
