import { eq, sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { DbOrTx } from '../db/client.js';
import { signInThrottle } from '../db/schema.js';
import { sha256 } from './tokens.js';

/**
 * Failed sign-ins per username, kept for unknown usernames too so that the answer never tells
 * whether an account exists. From the third failure each attempt must wait twice as long as the
 * one before (1 s, 2 s, 4 s ... up to a minute); at the threshold the name is locked for a while.
 */
export const backoffStartsAt = 3;
const maxBackoffMs = 60_000;

export const throttleKey = (username: string): string => sha256(`sign-in:${username.toLowerCase()}`);

export type ThrottleVerdict = { allowed: true } | { allowed: false; reason: 'locked' | 'slow_down'; retryAt: Date };

export function backoffMs(failures: number): number {
  if (failures < backoffStartsAt) return 0;
  return Math.min(maxBackoffMs, 1000 * 2 ** (failures - backoffStartsAt));
}

export async function checkThrottle(db: DbOrTx, key: string, now: Date): Promise<ThrottleVerdict> {
  const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.keyHash, key)).limit(1);
  if (!row) return { allowed: true };
  if (row.lockedUntil && row.lockedUntil > now) return { allowed: false, reason: 'locked', retryAt: row.lockedUntil };
  const wait = backoffMs(row.failures);
  if (wait > 0 && row.lastFailureAt && !row.lockedUntil) {
    const retryAt = new Date(row.lastFailureAt.getTime() + wait);
    if (retryAt > now) return { allowed: false, reason: 'slow_down', retryAt };
  }
  return { allowed: true };
}

/** Counts a failure atomically (concurrent guesses all count); returns whether it locked the name. */
export async function recordFailure(db: DbOrTx, key: string, now: Date, config: Config): Promise<boolean> {
  const t = signInThrottle;
  // A lock that has run out starts a fresh count.
  const [row] = await db
    .insert(t)
    .values({ keyHash: key, failures: 1, lastFailureAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: t.keyHash,
      set: {
        failures: sql`case when ${t.lockedUntil} is not null and ${t.lockedUntil} <= ${now} then 1 else ${t.failures} + 1 end`,
        lastFailureAt: now,
        lockedUntil: sql`case when ${t.lockedUntil} is not null and ${t.lockedUntil} <= ${now} then null else ${t.lockedUntil} end`,
      },
    })
    .returning({ failures: t.failures });
  const locked = (row?.failures ?? 0) >= config.lockoutThreshold;
  if (locked) await db.update(t).set({ lockedUntil: new Date(now.getTime() + config.lockoutMs) }).where(eq(t.keyHash, key));
  return locked;
}

export async function clearThrottle(db: DbOrTx, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.keyHash, key));
}

export async function isLocked(db: DbOrTx, key: string, now: Date): Promise<boolean> {
  const [row] = await db.select({ lockedUntil: signInThrottle.lockedUntil }).from(signInThrottle).where(eq(signInThrottle.keyHash, key)).limit(1);
  return row?.lockedUntil != null && row.lockedUntil > now;
}
