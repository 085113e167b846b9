import { hartMonthlyPeriod } from '@harbor/policy';
import type { MonthlyDataBody } from '@harbor/policy/api';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type UserRepository } from '../data/index.js';
import { obligations } from '../db/schema.js';
import { badRequest, forbidden } from '../http/errors.js';
import { completeObligations, obligationKey, raiseObligations, type DutyDb, type ObligationContext } from '../obligations/index.js';

const clause = 'HL-5';
const completes = 'monthly_data_entered';
const monthlyKey = (userId: string, period: string) => obligationKey(clause, completes, 'user', userId, period);

/**
 * HL-5: "the required data every month". For each active HART liaison, raises the duty to enter
 * last month's HART data (period YYYY-MM, due the 10th: see `hartObligationRules`). The
 * scheduler calls it on every pass: one query finds the liaisons still without this month's duty,
 * so a second call in the same month writes nothing. Answers the number of duties raised.
 */
export async function raiseMonthlyDuties(tx: DutyDb, ctx: ObligationContext, now: Date): Promise<number> {
  const { period, startedAt } = hartMonthlyPeriod(now, ctx.timeZone);
  const prefix = `${clause}:${completes}:user:`;
  const missing = await queryRows<{ id: string; office_id: string }>(
    tx,
    sql`select u.id, u.office_id from users u join user_roles r on r.user_id = u.id and r.role = 'hart_liaison'
        where u.disabled_at is null
          and not exists (select 1 from obligations o where o.key = ${prefix}::text || u.id::text || ':' || ${period}::text)`,
  );
  let raised = 0;
  for (const u of missing) {
    const rows = await raiseObligations(tx, ctx, { kind: 'hart_month_started', at: startedAt, subjects: { user: u.id }, assigneeId: u.id, officeId: u.office_id }, null, period);
    raised += rows.length;
  }
  return raised;
}

/** HL-5: a liaison has entered a month's HART data; completes that month's duty (raised now if the scheduler has not yet). */
export async function completeMonthlyData(repo: UserRepository, ctx: ObligationContext, body: MonthlyDataBody): Promise<{ period: string; completedAt: string }> {
  if (!repo.user.roles.includes('hart_liaison')) throw forbidden();
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    const now = ctx.clock.now();
    const latest = hartMonthlyPeriod(now, ctx.timeZone).period;
    if (body.period > latest) throw badRequest('period', `The month is not over yet: the latest month to enter is ${latest}`);
    const key = monthlyKey(user.id, body.period);
    // The liaison's own duty (its key names them): within their reach as its owner.
    const [existing] = await tx.select().from(obligations).where(and(eq(obligations.key, key), u.scope('obligation'))).limit(1);
    if (!existing) {
      const [y, m] = body.period.split('-').map(Number) as [number, number];
      const next = new Date(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 15));
      await raiseObligations(tx, ctx, { kind: 'hart_month_started', at: hartMonthlyPeriod(next, ctx.timeZone).startedAt, subjects: { user: user.id }, assigneeId: user.id, officeId: user.officeId }, user.id, body.period);
    }
    const closed = await completeObligations(tx, ctx, { subjectType: 'user', subjectId: user.id, completes, key }, user.id, { outcome: body.note?.trim() || 'entered', who: user.displayName, when: now.toISOString() });
    u.audit({ action: 'hart.monthly_data', recordType: 'obligation', recordId: closed[0]?.id ?? existing?.id ?? null, detail: { period: body.period, again: closed.length === 0 } });
    // Closed now, or when it was closed before (no read-back of what was just written).
    return { period: body.period, completedAt: (closed[0]?.resolvedAt ?? existing?.resolvedAt ?? now).toISOString() };
  });
}
