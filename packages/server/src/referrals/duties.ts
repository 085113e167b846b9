import { acceptanceFacts, carelineIntakeActions, ctObligationRules, defaultTimeZone } from '@harbor/policy';
import type { SubmitReferralBody } from '@harbor/policy/api';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { UnitDb } from '../data/index.js';
import { obligationEvents, obligations } from '../db/schema.js';
import { raiseObligations, type ObligationContext } from '../obligations/index.js';
import { areaOfficeIdOf, type RecordContext, type Row } from './service.js';

/**
 * The duties an accepted referral starts (CL-6, IN-1 .. IN-8: the rules of the policy pack), and
 * their hand-over to the investigation worker once assigned. Obligation office = the area office
 * of the referral's town (the shared contract of issue 4).
 */
export const obligationContext = (ctx: RecordContext & { timeZone?: string }): ObligationContext => ({ clock: ctx.clock, vault: ctx.vault, timeZone: ctx.timeZone ?? defaultTimeZone });

export async function raiseAcceptanceDuties(
  tx: UnitDb,
  ctx: RecordContext & { timeZone?: string },
  referral: Pick<Row, 'id' | 'townName' | 'investigatorId' | 'htCharacteristics'> & { responseDueAt: Date },
  children: SubmitReferralBody['children'],
  actorId: string,
): Promise<void> {
  const officeId = await areaOfficeIdOf(tx, referral.townName);
  await raiseObligations(
    tx,
    obligationContext(ctx),
    {
      kind: 'referral_accepted',
      at: ctx.clock.now(),
      subjects: { referral: referral.id },
      ...(officeId ? { officeId } : {}),
      ...(referral.investigatorId ? { assigneeId: referral.investigatorId } : {}),
      facts: acceptanceFacts({ ht: referral.htCharacteristics, responseDueAt: referral.responseDueAt, children }),
    },
    actorId,
  );
}

/** Rules whose owner is the assigned worker (with a role standing in until someone is assigned); not the Careline's own (CL-4's call). */
const assigneeRules = (): string[] => ctObligationRules.filter((r) => 'person' in r.owner && !carelineIntakeActions.includes(r.completes)).map((r) => r.code);

/**
 * CL-5: the investigation worker takes over the referral's open duties that wait for the
 * assignee (owned meanwhile by the office's supervisors, or by the worker assigned before).
 */
export async function handDutiesToInvestigator(tx: UnitDb, ctx: RecordContext, referralId: string, investigatorId: string, previousId: string | null, actorId: string): Promise<number> {
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
