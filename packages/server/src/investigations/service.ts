import { carelineIntakeActions, dutyWaivers } from '@harbor/policy';
import type { CompleteItemBody, InvestigationFactBody, InvestigationView } from '@harbor/policy/api';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { can, investigationScope } from '../access/index.js';
import { requestConsult } from '../consults/index.js';
import type { Unit, UserRepository } from '../data/index.js';
import { consults, offices, partnerAgencies, referrals, users } from '../db/schema.js';
import { HttpError, conflict, notFound } from '../http/errors.js';
import { completeObligations, raiseObligations, type ObligationContext } from '../obligations/index.js';
import { areaOfficeIdOf, type ReferralRow } from '../referrals/index.js';
import { consultsOf, dutiesOf, dutyById, isOpen, openDuty, waiveDuty } from './duties.js';

/**
 * The investigation checklist (IN-1 .. IN-8): an accepted referral's duties, read by its assigned
 * investigation worker and by those who oversee the area office's work (supervisors of the office,
 * the region's HART Lead, the HART Director), and completed only by the assigned worker. Out of
 * reach is "not found" (access/scope.ts `investigationScope`). Every read and write goes through the
 * caller's repository: scoped, and audited in its transaction, naming every record it shows.
 */
export const recordType = 'referral';

/**
 * The accepted referral within the unit's reach (`investigationScope`; `write` only its assigned
 * investigation worker, and locked), or null. Audited as the referral read unless the unit names it.
 */
export async function findInvestigation(u: Unit, referralId: string, write: boolean): Promise<ReferralRow | null> {
  const q = u.db
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, referralId), investigationScope(u.user, write)))
    .limit(1);
  const [row] = write ? await q.for('update') : await q;
  if (!row) return null;
  u.read(recordType, row.id);
  return row;
}

const investigator = alias(users, 'investigator');

/** The checklist as shown; the referral, its duties, consults and the IN-4 referral are named in the unit's audit rows. */
export async function investigationView(u: Unit, ctx: ObligationContext, row: ReferralRow): Promise<InvestigationView> {
  const { db: tx, user } = u;
  const areaOfficeId = await areaOfficeIdOf(tx, row.townName);
  const [office] = areaOfficeId ? await tx.select({ name: offices.name }).from(offices).where(eq(offices.id, areaOfficeId)) : [];
  const [inv] = row.investigatorId ? await tx.select({ name: investigator.displayName }).from(investigator).where(eq(investigator.id, row.investigatorId)) : [];
  const [found] = await tx
    .select({ id: referrals.id, number: referrals.number, status: referrals.status })
    .from(referrals)
    .where(and(eq(referrals.originType, 'referral'), eq(referrals.originId, row.id)))
    .orderBy(desc(referrals.createdAt))
    .limit(1);
  const items = (await dutiesOf(tx, ctx.vault, 'referral', row.id)).filter((d) => !carelineIntakeActions.includes(d.completes));
  const consultList = await consultsOf(tx, 'referral', row.id);
  u.read(recordType, row.id);
  if (items.length > 0) u.shown('obligation', items.map((d) => d.id));
  if (consultList.length > 0) u.shown('consult', consultList.map((c) => c.id));
  if (found) u.shown('referral', [found.id]);
  return {
    referral: {
      id: row.id,
      number: row.number,
      status: row.status as InvestigationView['referral']['status'],
      townName: row.townName,
      htCharacteristics: row.htCharacteristics,
      responseDueAt: row.responseDueAt?.toISOString() ?? null,
      investigatorId: row.investigatorId,
      investigatorName: inv?.name ?? null,
      areaOfficeId,
      areaOfficeName: office?.name ?? null,
    },
    items,
    consults: consultList,
    htFoundReferral: found ? { ...found, status: found.status as InvestigationView['referral']['status'] } : null,
    canWrite: row.investigatorId === user.id && can(user, 'investigation.write'),
  };
}

export async function readInvestigation(repo: UserRepository, ctx: ObligationContext, referralId: string): Promise<InvestigationView> {
  const view = await repo.unit(async (u) => {
    const row = await findInvestigation(u, referralId, false);
    if (!row) return null;
    u.audit({ action: 'investigation.read', recordType, recordId: referralId });
    return investigationView(u, ctx, row);
  });
  if (!view) throw notFound('investigation');
  return view;
}

const invalid = (field: string, message: string) => new HttpError(400, 'validation', `Check these fields: ${field}`, [{ field, message }]);

/**
 * Completes one checklist item: done with who, when and the outcome (IN-6's assessment names a
 * designated hospital from the directory); not warranted / not possible with a reason where the
 * policy allows it; IN-1 by requesting the HART consult from the area office's liaisons (HL-1).
 */
export async function completeItem(repo: UserRepository, ctx: ObligationContext, referralId: string, obligationId: string, body: CompleteItemBody): Promise<InvestigationView> {
  const view = await repo.unit(async (u) => {
    const { db: tx, user } = u;
    const row = await findInvestigation(u, referralId, true);
    if (!row) return null;
    if (body.action === 'request_consult') {
      const duty = await dutyById(tx, 'referral', referralId, obligationId);
      if (!duty) return null;
      if (duty.completes !== 'consult_requested') throw invalid('action', 'Only the HART consult item (IN-1) is completed by requesting a consult');
      if (!isOpen(duty)) {
        // A retry with the same key answers the checklist as it is; every other request is too late.
        // Looked up through the caller's scope, on this referral: another caller's key is never their consult.
        const [earlier] = await tx
          .select({ id: consults.id })
          .from(consults)
          .where(and(eq(consults.idempotencyKey, body.idempotencyKey), eq(consults.subjectType, 'referral'), eq(consults.subjectId, referralId), u.scope('consult')));
        if (earlier) {
          u.audit({ action: 'investigation.request_consult', recordType, recordId: referralId, detail: { obligationId, consultId: earlier.id, replayed: true } });
          return investigationView(u, ctx, row);
        }
        throw conflict('This item has already been completed.');
      }
      const officeId = await areaOfficeIdOf(tx, row.townName);
      if (!officeId) throw new Error('no area office for the referral’s town');
      // The request completes this item (IN-1) with the consult's number, in the same transaction.
      const { consult, created } = await requestConsult(tx, ctx, user.id, { subjectType: 'referral', subjectId: referralId, officeId, reason: body.reason, idempotencyKey: body.idempotencyKey, requesterName: user.displayName });
      if (!created && (consult.subjectId !== referralId || consult.requestedBy !== user.id)) throw invalid('idempotencyKey', 'This key was used for another request');
      u.audit({ action: 'investigation.request_consult', recordType, recordId: referralId, detail: { obligationId, consultId: consult.id, number: consult.number, clause: 'IN-1' } });
      return investigationView(u, ctx, row);
    }
    const duty = await openDuty(tx, 'referral', referralId, obligationId);
    if (!duty) return null;
    if (duty.completes === 'consult_requested') throw invalid('action', 'Request the HART consult through Harbor (IN-1): it goes to the area office’s HART liaison');
    if (body.action === 'done') {
      let hospital: { id: string; name: string } | undefined;
      if (duty.completes === 'hospital_assessment_decided') {
        if (!body.hospitalId) throw invalid('hospitalId', 'Choose the designated hospital');
        [hospital] = await tx
          .select({ id: partnerAgencies.id, name: partnerAgencies.name })
          .from(partnerAgencies)
          .where(and(eq(partnerAgencies.id, body.hospitalId), eq(partnerAgencies.kind, 'hospital'), eq(partnerAgencies.active, true)));
        if (!hospital) throw invalid('hospitalId', 'Choose a designated hospital from the directory');
      } else if (body.hospitalId) throw invalid('hospitalId', 'A hospital is chosen only for the emergency-department assessment (IN-6)');
      await completeObligations(tx, ctx, { subjectType: 'referral', subjectId: referralId, completes: duty.completes }, user.id, {
        who: body.who,
        when: body.when,
        outcome: body.outcome,
        ...(hospital ? { hospitalId: hospital.id, hospitalName: hospital.name } : {}),
        ...(duty.completes === 'joint_response_recorded' ? { jointly: true } : {}),
      });
    } else {
      const allowed = dutyWaivers[duty.completes];
      if (allowed !== body.action) {
        throw invalid('action', allowed ? `This item can be marked ${allowed.replace('_', ' ')}, not ${body.action.replace('_', ' ')}` : 'The policy requires this item; it cannot be waived');
      }
      await waiveDuty(tx, ctx, duty, user.id, { reason: body.reason, ...(duty.completes === 'joint_response_recorded' ? { jointly: false } : {}) });
    }
    u.audit({ action: 'investigation.complete_item', recordType, recordId: referralId, detail: { obligationId, clause: duty.clause, completes: duty.completes, action: body.action } });
    return investigationView(u, ctx, row);
  });
  if (!view) throw notFound('investigation item');
  return view;
}

/** IN-7, IN-8: a fact learned after acceptance raises its duty (once, however often it is recorded). */
export async function recordFact(repo: UserRepository, ctx: ObligationContext, referralId: string, body: InvestigationFactBody): Promise<InvestigationView> {
  const view = await repo.unit(async (u) => {
    const { db: tx, user } = u;
    const row = await findInvestigation(u, referralId, true);
    if (!row) return null;
    const officeId = await areaOfficeIdOf(tx, row.townName);
    const raised = await raiseObligations(
      tx,
      ctx,
      { kind: body.fact, at: ctx.clock.now(), subjects: { referral: referralId }, ...(officeId ? { officeId } : {}), assigneeId: user.id },
      user.id,
    );
    u.audit({ action: 'investigation.fact', recordType, recordId: referralId, detail: { fact: body.fact, raised: raised.map((o) => o.clause) } });
    return investigationView(u, ctx, row);
  });
  if (!view) throw notFound('investigation');
  return view;
}

