import { and, asc, eq } from 'drizzle-orm';
import type { Config } from '../config.js';
import { raiseMonthlyDuties } from '../consults/index.js';
import { obligations } from '../db/schema.js';
import type { Vault } from '../crypto/index.js';
import type { DataLayer } from '../data/index.js';
import { completeObligations, runObligationPass, schedulerOptionsFrom, schedulerReason, type PassReport } from '../obligations/index.js';

const hourMs = 3_600_000;

/**
 * The demo week's duties as they would stand now: after the week's referrals, cases and consults
 * are seeded at the times of their story, the scheduler's passes run every three hours over the
 * week, so reminders, overdue marks and escalations carry the times they would have had (the
 * demo's mail stays in the outbox). The passes run through the scheduler's own system repository
 * (`data.forSystem(schedulerReason)`), as `harbor start` runs them, audited as the scheduler.
 */
export async function seedDemoDuties(data: DataLayer, vault: Vault, config: Config, now: Date = new Date()): Promise<PassReport> {
  // HL-5: last month's data duty of every liaison, entered by all but two of them (so the demo shows one late).
  const ctx = { clock: { now: () => now }, vault, timeZone: config.timeZone };
  await data.forSystem('demo-seed').unit(async ({ db: tx }) => {
    await raiseMonthlyDuties(tx, ctx, now);
    const monthly = await tx.select().from(obligations).where(and(eq(obligations.ruleCode, 'enter_monthly_hart_data'), eq(obligations.state, 'open'))).orderBy(asc(obligations.id));
    for (const o of monthly.slice(2)) {
      await completeObligations(tx, ctx, { subjectType: 'user', subjectId: o.subjectId, completes: o.completes, key: o.key }, o.subjectId, { outcome: 'entered', when: o.dueAt.toISOString() });
    }
  });
  const total: PassReport = { claimed: 0, announced: 0, reminded: 0, overdue: 0, escalated: 0 };
  const options = schedulerOptionsFrom(config);
  const scheduler = data.forSystem(schedulerReason);
  for (let t = now.getTime() - 8 * 24 * hourMs; t <= now.getTime(); t += 3 * hourMs) {
    const r = await runObligationPass(scheduler, {}, new Date(Math.min(t, now.getTime())), options);
    total.claimed += r.claimed;
    total.announced += r.announced;
    total.reminded += r.reminded;
    total.overdue += r.overdue;
    total.escalated += r.escalated;
  }
  return total;
}
