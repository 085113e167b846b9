import { ctObligationRules, defaultTimeZone, type FactValue } from '@harbor/policy';
import type { SubmitReferralBody } from '@harbor/policy/api';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { obligationEvents, obligations, offices, towns } from '../db/schema.js';
import { raiseObligations, type ObligationContext } from '../obligations/index.js';
import type { RecordContext, Row } from './service.js';

/**
 * The duties an accepted referral starts (CL-6, IN-7, IN-8 and the rules of the policy pack), and
 * their hand-over to the investigation worker once assigned. Obligation office = the area office
 * of the referral's town (the shared contract of issue 4).
 */
export const obligationContext = (ctx: RecordContext & { timeZone?: string }): ObligationContext => ({ clock: ctx.clock, vault: ctx.vault, timeZone: ctx.timeZone ?? defaultTimeZone });

export async function areaOfficeOf(tx: DbOrTx, townName: string | null): Promise<string | null> {
  if (!townName) return null;
  const [row] = await tx.select({ id: offices.id }).from(towns).innerJoin(offices, eq(offices.code, towns.areaOfficeCode)).where(eq(towns.name, townName)).limit(1);
  return row?.id ?? null;
}

/** IN-7, IN-8: what the children's entries say at acceptance; a fact nobody entered is left out. */
export function acceptanceFacts(children: SubmitReferralBody['children']): Record<string, FactValue> {
  const facts: Record<string, FactValue> = {};
  if (children.some((c) => c.citizenship === 'not_us_citizen')) facts['usCitizen'] = false;
  else if (children.length > 0 && children.every((c) => c.citizenship === 'us_citizen')) facts['usCitizen'] = true;
  facts['missing'] = children.some((c) => c.livingSituation === 'missing_from_care' || (c.indicators ?? []).includes('missing_now'));
  return facts;
}

export async function raiseAcceptanceDuties(
  tx: DbOrTx,
  ctx: RecordContext & { timeZone?: string },
  referral: Pick<Row, 'id' | 'townName' | 'investigatorId'> & { responseDueAt: Date },
  children: SubmitReferralBody['children'],
  actorId: string,
): Promise<void> {
  const officeId = await areaOfficeOf(tx, referral.townName);
  await raiseObligations(
    tx,
    obligationContext(ctx),
    {
      kind: 'referral_accepted',
      at: ctx.clock.now(),
      subjects: { referral: referral.id },
      ...(officeId ? { officeId } : {}),
      ...(referral.investigatorId ? { assigneeId: referral.investigatorId } : {}),
      facts: { responseDueAt: referral.responseDueAt.toISOString(), ...acceptanceFacts(children) },
    },
    actorId,
  );
}

/** Rules whose owner is the assigned worker (with a role standing in until someone is assigned). */
const assigneeRules = (): string[] => ctObligationRules.filter((r) => 'person' in r.owner).map((r) => r.code);

/**
 * CL-5: the investigation worker takes over the referral's open duties that wait for the
 * assignee (owned meanwhile by the office's supervisors, or by the worker assigned before).
 */
export async function handDutiesToInvestigator(tx: DbOrTx, ctx: RecordContext, referralId: string, investigatorId: string, previousId: string | null, actorId: string): Promise<number> {
  const codes = assigneeRules();
  if (codes.length === 0) return 0;
  const now = ctx.clock.now();
  const owner = previousId ? or(isNull(obligations.ownerUserId), eq(obligations.ownerUserId, previousId)) : isNull(obligations.ownerUserId);
  const moved = await tx
    .update(obligations)
    .set({ ownerUserId: investigatorId, ownerRole: null, ownerOfficeId: null, nextCheckAt: now, updatedAt: now, version: sql`${obligations.version} + 1` })
    .where(
      and(
        eq(obligations.subjectType, 'referral'),
        eq(obligations.subjectId, referralId),
        inArray(obligations.state, ['open', 'overdue']),
        inArray(obligations.ruleCode, codes),
        owner,
      ),
    )
    .returning({ id: obligations.id });
  if (moved.length > 0) {
    await tx.insert(obligationEvents).values(moved.map((m) => ({ obligationId: m.id, at: now, kind: 'reassigned', actorId, toUserId: investigatorId, detail: { previous: previousId } })));
  }
  return moved.length;
}
