import { eq, sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { UnitDb } from '../data/index.js';
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

export async function checkThrottle(db: UnitDb, key: string, now: Date): Promise<ThrottleVerdict> {
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

/**
 * Takes one attempt for a name, atomically, before the password is checked: the attempt is
 * counted up front and allowed only when the name is not locked and its back-off has run out.
 * Guesses fired all at once therefore meet the back-off too (they cannot all pass one check
 * before the first of them is counted). A right password then clears the count.
 */
export async function reserveAttempt(db: UnitDb, key: string, now: Date): Promise<ThrottleVerdict & { attempts?: number }> {
  const t = signInThrottle;
  const lockOver = sql`(${t.lockedUntil} is not null and ${t.lockedUntil} <= ${now})`;
  const waited = sql`(${t.lastFailureAt} is null or ${t.lastFailureAt} + (case when ${t.failures} < ${backoffStartsAt} then 0 else least(${maxBackoffMs / 1000}, power(2, ${t.failures} - ${backoffStartsAt})) end) * interval '1 second' <= ${now})`;
  const rows = await db
    .insert(t)
    .values({ keyHash: key, failures: 1, lastFailureAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: t.keyHash,
      set: {
        failures: sql`case when ${lockOver} then 1 else ${t.failures} + 1 end`,
        lastFailureAt: now,
        lockedUntil: sql`case when ${lockOver} then null else ${t.lockedUntil} end`,
      },
      setWhere: sql`(${t.lockedUntil} is null and ${waited}) or ${lockOver}`,
    })
    .returning({ failures: t.failures });
  const row = rows[0];
  if (row) return { allowed: true, attempts: row.failures };
  const verdict = await checkThrottle(db, key, now);
  // Refused by the update but free by the time we looked: refuse this one anyway, briefly.
  return verdict.allowed ? { allowed: false, reason: 'slow_down', retryAt: new Date(now.getTime() + 1000) } : verdict;
}

/** After a wrong password: locks the name once its attempts reach the threshold. */
export async function lockIfOverThreshold(db: UnitDb, key: string, attempts: number, now: Date, config: Config): Promise<boolean> {
  if (attempts < config.lockoutThreshold) return false;
  await db.update(signInThrottle).set({ lockedUntil: new Date(now.getTime() + config.lockoutMs) }).where(eq(signInThrottle.keyHash, key));
  return true;
}

export async function clearThrottle(db: UnitDb, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.keyHash, key));
}
