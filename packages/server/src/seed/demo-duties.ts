import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Config } from '../config.js';
import { requestConsult } from '../consults/index.js';
import type { Vault } from '../crypto/index.js';
import type { Db } from '../db/client.js';
import { offices, referrals, towns } from '../db/schema.js';
import { runObligationPass, schedulerOptionsFrom, type PassReport } from '../obligations/index.js';

const hourMs = 3_600_000;

/**
 * The demo week's duties as they would stand on a Monday morning: the investigation workers of the
 * oldest assigned referrals requested HART consults during the week (HL-1; the oldest not held in
 * 72 hours, so the HART Director's compliance page has something to show), and the scheduler's
 * passes run every three hours over the week, so reminders, overdue marks and escalations carry
 * the times they would have had (the demo's mail stays in the outbox).
 */
export async function seedDemoDuties(db: Db, vault: Vault, config: Config, now: Date = new Date()): Promise<PassReport> {
  const assigned = await db
    .select({ id: referrals.id, number: referrals.number, investigatorId: referrals.investigatorId, assignedAt: referrals.investigatorAssignedAt, officeId: offices.id })
    .from(referrals)
    .innerJoin(towns, eq(towns.name, referrals.townName))
    .innerJoin(offices, eq(offices.code, towns.areaOfficeCode))
    .where(and(eq(referrals.status, 'accepted'), isNotNull(referrals.investigatorId)))
    .orderBy(asc(referrals.receivedAt))
    .limit(3);
  for (const r of assigned) {
    const at = new Date(r.assignedAt!.getTime() + 2 * hourMs);
    if (at > now) continue;
    const ctx = { clock: { now: () => at }, vault, timeZone: config.timeZone };
    await db.transaction((tx) =>
      requestConsult(tx, ctx, r.investigatorId!, {
        subjectType: 'referral',
        subjectId: r.id,
        officeId: r.officeId,
        reason: 'Synthetic demo: trafficking indicators reported; the worker asks for the HART consult (IN-1).',
        idempotencyKey: `demo-consult-${r.number}`,
      }),
    );
  }
  const total: PassReport = { claimed: 0, reminded: 0, overdue: 0, escalated: 0 };
  const options = schedulerOptionsFrom(config);
  for (let t = now.getTime() - 8 * 24 * hourMs; t <= now.getTime(); t += 3 * hourMs) {
    const r = await runObligationPass(db, {}, new Date(Math.min(t, now.getTime())), options);
    total.claimed += r.claimed;
    total.reminded += r.reminded;
    total.overdue += r.overdue;
    total.escalated += r.escalated;
  }
  return total;
}
