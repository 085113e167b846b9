import { answersOnPath, checkOverride, decisionMap, evaluateDecisionMap, type DecisionMapOverride, type RiskLevel } from '@harbor/policy';
import type { ConsultView, DecisionMapBody, EnterConsultBody, HoldConsultBody, OverrideConsultBody } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import type { AuthUser } from '../access/index.js';
import type { UnitDb, UserRepository } from '../data/index.js';
import { cases, consults, offices, referrals } from '../db/schema.js';
import { badRequest, conflict, forbidden, HttpError } from '../http/errors.js';
import { completeObligations, raiseObligations, type ObligationContext } from '../obligations/index.js';
import type { ConsultRow } from './request.js';
import { isLiaisonOf, mayOverride, recordType } from './scope.js';
import { shownView } from './service.js';
import { overrideAt, recordAt, type ConsultRecord, type StoredDecisionMap } from './views.js';

const stale = () => conflict('Someone else changed this consult since you opened it. Reload to see their change.');

type Changed = { set: Partial<typeof consults.$inferInsert>; detail: Record<string, unknown> };
type Change = (tx: UnitDb, user: AuthUser, row: ConsultRow, now: Date) => Changed | Promise<Changed>;

/** One consult command: find it in reach (404), check the version (409), change it, audit, answer the view. */
async function change(repo: UserRepository, ctx: ObligationContext, id: string, version: number, action: string, work: Change): Promise<ConsultView> {
  return repo.unit(async (u) => {
    const row = await u.get('consult', id, { lock: true });
    const now = ctx.clock.now();
    const { set, detail } = await work(u.db, u.user, row, now);
    if (row.version !== version) throw stale();
    // The view is built from the row and the change (no read-back of what was just written).
    const updated: ConsultRow = { ...row, ...set, updatedAt: now, version: row.version + 1 };
    await u.db
      .update(consults)
      .set({ ...set, updatedAt: now, version: row.version + 1 })
      .where(eq(consults.id, id));
    u.audit({ action, recordType, recordId: id, detail });
    return shownView(u, ctx, updated);
  });
}

const requireLiaison = (user: AuthUser, row: ConsultRow) => {
  if (!isLiaisonOf(user, row.officeId)) throw forbidden();
};

/** The investigation worker of the consult's referral, or the ongoing worker of its case. */
async function subjectWorkerOf(tx: UnitDb, row: ConsultRow): Promise<string | null> {
  if (row.subjectType === 'referral') {
    const [r] = await tx.select({ id: referrals.investigatorId }).from(referrals).where(eq(referrals.id, row.subjectId));
    return r?.id ?? null;
  }
  const [c] = await tx.select({ id: cases.workerId }).from(cases).where(eq(cases.id, row.subjectId));
  return c?.id ?? null;
}

/**
 * HL-1, HL-4, HL-6: the liaison records the consult held: participants, information reviewed,
 * recommendations (whether the MDT Coordinator and the area MDT liaison collaborated; the
 * law-enforcement issues assisted with). Completes HL-1 and starts HL-5's 5 business days.
 */
export async function holdConsult(repo: UserRepository, ctx: ObligationContext, id: string, body: HoldConsultBody): Promise<ConsultView> {
  return change(repo, ctx, id, body.version, 'consult.hold', async (tx, user, row, now) => {
    requireLiaison(user, row);
    if (row.status !== 'requested') throw conflict('This consult has already been held.');
    const heldAt = new Date(body.heldAt);
    if (heldAt.getTime() > now.getTime() + 5 * 60_000) throw badRequest('heldAt', 'The consult cannot be held in the future');
    // Times are entered to the minute: the minute of the request itself is not "before" it.
    if (heldAt.getTime() < Math.floor(row.requestedAt.getTime() / 60_000) * 60_000) throw badRequest('heldAt', 'The consult cannot be held before it was requested');
    const record: ConsultRecord = {
      participants: body.participants,
      informationReviewed: body.informationReviewed,
      recommendations: body.recommendations,
      mdtCollaborated: body.mdtCollaborated,
      lawEnforcementAssistance: body.lawEnforcementAssistance?.trim() ? body.lawEnforcementAssistance.trim() : null,
    };
    await completeObligations(tx, ctx, { subjectType: 'consult', subjectId: row.id, completes: 'consult_held' }, user.id, { outcome: 'held', who: user.displayName, when: heldAt.toISOString() });
    // HL-5 for the liaison; IN-2 for the worker of the record the consult is about.
    const workerId = await subjectWorkerOf(tx, row);
    await raiseObligations(
      tx,
      ctx,
      {
        kind: 'consult_held',
        at: heldAt,
        subjects: { consult: row.id, [row.subjectType]: row.subjectId },
        officeId: row.officeId,
        assigneeId: user.id,
        facts: { subjectType: row.subjectType, ...(workerId ? { subjectWorkerId: workerId } : {}) },
      },
      user.id,
    );
    return {
      set: { status: 'held', liaisonId: user.id, heldAt, recordSealed: ctx.vault.sealJson(record, recordAt(row.id)) },
      detail: { participants: record.participants.length, mdtCollaborated: record.mdtCollaborated, lawEnforcement: record.lawEnforcementAssistance !== null },
    };
  });
}

/** HL-3: the liaison completes the Decision Map; each branch's level and the answers on its path are kept. */
export async function completeDecisionMap(repo: UserRepository, ctx: ObligationContext, id: string, body: DecisionMapBody): Promise<ConsultView> {
  return change(repo, ctx, id, body.version, 'consult.decision_map', (_tx, user, row, now) => {
    requireLiaison(user, row);
    if (row.status === 'entered') throw conflict('This consult has been entered; its Decision Map can no longer change.');
    if (row.overriddenAt) throw conflict('A supervisor has overridden this Decision Map; it can no longer change.');
    const evaluation = evaluateDecisionMap(decisionMap, body.answers);
    if (!evaluation.ok) throw new HttpError(400, 'validation', `${evaluation.field}: ${evaluation.message}`, [{ field: evaluation.field, message: evaluation.message }]);
    const { result } = evaluation;
    const stored: StoredDecisionMap = {
      mapVersion: result.mapVersion,
      answers: answersOnPath(result),
      levels: { sex: result.sex.level, labor: result.labor.level },
      completedAt: now.toISOString(),
      completedBy: user.id,
    };
    return {
      set: { decisionMap: stored as unknown as Record<string, unknown>, riskSex: result.sex.level, riskLabor: result.labor.level },
      detail: { mapVersion: result.mapVersion, redone: row.decisionMap !== null },
    };
  });
}

/** HL-3: a supervisor, the region's HART Lead or the Director overrides either level, with a reason (sealed). */
export async function overrideConsult(repo: UserRepository, ctx: ObligationContext, id: string, body: OverrideConsultBody): Promise<ConsultView> {
  return change(repo, ctx, id, body.version, 'consult.override', async (tx, user, row) => {
    const [office] = await tx.select({ regionCode: offices.regionCode }).from(offices).where(eq(offices.id, row.officeId));
    if (!mayOverride(user, row, office?.regionCode ?? null)) throw forbidden();
    const stored = row.decisionMap as StoredDecisionMap | null;
    if (!stored) throw conflict('The Decision Map of this consult is not complete yet: there is no level to override.');
    const current = { sex: (row.riskSex ?? stored.levels.sex) as RiskLevel, labor: (row.riskLabor ?? stored.levels.labor) as RiskLevel };
    const checked = checkOverride(stored.levels, current, body);
    if (!checked.ok) throw new HttpError(400, 'validation', checked.errors.map((e) => `${e.field}: ${e.message}`).join('; '), checked.errors);
    const earlier = row.overrideSealed ? ctx.vault.openJson<DecisionMapOverride>(row.overrideSealed, overrideAt(row.id)) : null;
    const sex = checked.override.sex ?? earlier?.sex;
    const labor = checked.override.labor ?? earlier?.labor;
    const merged: DecisionMapOverride = { ...(sex ? { sex } : {}), ...(labor ? { labor } : {}), reason: checked.override.reason };
    return {
      set: { riskSex: checked.levels.sex, riskLabor: checked.levels.labor, overrideSealed: ctx.vault.sealJson(merged, overrideAt(row.id)), overriddenBy: user.id, overriddenAt: ctx.clock.now() },
      detail: { changed: Object.keys(checked.levels) },
    };
  });
}

/** HL-5: the liaison has entered the consult into the case management system (after the Decision Map). */
export async function enterConsult(repo: UserRepository, ctx: ObligationContext, id: string, body: EnterConsultBody): Promise<ConsultView> {
  return change(repo, ctx, id, body.version, 'consult.enter', async (tx, user, row, now) => {
    requireLiaison(user, row);
    if (row.status === 'requested') throw conflict('Hold the consult before entering it.');
    if (row.status === 'entered') throw conflict('This consult has already been entered.');
    if (!row.decisionMap) throw conflict('Complete the Decision Map before entering the consult.');
    await completeObligations(tx, ctx, { subjectType: 'consult', subjectId: row.id, completes: 'consult_entered' }, user.id, { outcome: 'entered', who: user.displayName, when: now.toISOString() });
    return { set: { status: 'entered', enteredAt: now, enteredBy: user.id }, detail: {} };
  });
}
