import {
  applyOverride,
  assignmentTarget,
  carelineCallbackPhone,
  checkDecision,
  criticalIncidentRequired,
  dcf823Content,
  dueAt,
  evaluateResponsePriority,
  priorityOverrideRole,
  referralNoticesWarranted,
  responsePriorityTree,
  type PriorityResult,
} from '@harbor/policy';
import type { DecideReferralBody, ReferralView } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import type { UserRepository } from '../data/index.js';
import { offices, referrals } from '../db/schema.js';
import { renderPdf } from '../documents/index.js';
import { HttpError, conflict } from '../http/errors.js';
import { draftConflictMessage, draftOf, recordType, viewOf } from './service.js';
import { raiseAcceptanceDuties } from './duties.js';
import { dcf737sSent, originOf, sendCriticalIncident, validate, type SubmitContext } from './submit.js';
import { decisionExplanationAt, sealPriority, sealText } from './sealed-fields.js';

/**
 * The Careline's decision on a submitted referral. CL-2: accepted, or not accepted with a reason
 * from the operational definitions, which then waits for a Careline supervisor's approval.
 * CL-6: an accepted referral's response time comes from the response-priority tree, with the
 * answers on its path kept; only a Careline supervisor may override it, with a reason. CL-5: an
 * accepted HT referral's Critical Incident (DCF-823) goes to the HART Director (a new version of
 * the referral's Critical Incident when it already has one).
 */
const invalid = (fields: { field: string; message: string }[]) =>
  new HttpError(400, 'validation', `Check these fields: ${fields.map((f) => f.field).join(', ')}`, fields);

function priorityOf(body: Extract<DecideReferralBody, { decision: 'accepted' }>, roles: readonly string[]): PriorityResult {
  const ev = evaluateResponsePriority(responsePriorityTree, body.responsePriority.answers);
  if (!ev.ok) throw invalid([{ field: `responsePriority.${ev.field}`, message: ev.message }]);
  const override = body.responsePriority.override;
  if (!override) return ev.result;
  if (!roles.includes(priorityOverrideRole)) {
    throw invalid([{ field: 'responsePriority.override', message: 'Only a Careline supervisor may override the response priority' }]);
  }
  const changed = applyOverride(ev.result, override);
  if (!changed.ok) throw invalid(changed.errors.map((e) => ({ field: `responsePriority.${e.field}`, message: e.message })));
  return changed.result;
}

export async function decideReferral(repo: UserRepository, ctx: SubmitContext, id: string, body: DecideReferralBody): Promise<ReferralView> {
  const errors = checkDecision(body);
  if (errors.length > 0) throw invalid(errors);
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    const current = await u.get('referral', id, { lock: true });
    if (current.status === 'draft') throw conflict('Submit the referral before you decide on it.');
    if (current.status !== 'submitted') throw conflict('This referral has already been decided.');
    if (current.version !== body.version) throw conflict(draftConflictMessage.replace('draft', 'referral'));
    const now = ctx.clock.now();
    const base = { decision: body.decision, decidedBy: user.id, decidedAt: now, updatedAt: now, version: current.version + 1 };
    if (body.decision === 'not_accepted') {
      const [row] = await tx
        .update(referrals)
        .set({ ...base, status: 'not_accepted_pending_approval', nonAcceptanceReason: body.reasonCode, decisionExplanationSealed: sealText(ctx.vault, body.explanation, decisionExplanationAt(id)) })
        .where(eq(referrals.id, id))
        .returning();
      u.audit({ action: 'referral.decide', recordType, recordId: id, detail: { decision: body.decision, reasonCode: body.reasonCode, pendingApproval: 'careline_supervisor' } });
      return viewOf(tx, ctx.vault, row!);
    }
    const priority = priorityOf(body, user.roles);
    const receivedAt = current.receivedAt ?? current.submittedAt ?? now;
    const due = dueAt(receivedAt, priority.responseHours);
    const referral = validate(draftOf(ctx.vault, current));
    const townName = current.townName ?? '';
    // CL-5: the Regional Office of the town's region, or the SIU when an SIU rule matches.
    const target = assignmentTarget({
      townName,
      children: referral.children.map((c) => ({ livingSituation: c.livingSituation ?? null, inDcfCare: c.dcfInvolvement?.inDcfCare ?? null })),
      exploiters: referral.exploiters.map((e) => ({ unknown: e.unknown ?? null, relationship: e.relationship ?? null })),
    });
    const [row] = await tx
      .update(referrals)
      .set({ ...base, status: 'accepted', ...sealPriority(ctx.vault, id, priority), responseDueAt: due, assignedOfficeCode: target.officeCode, assignedOfficeAt: now })
      .where(eq(referrals.id, id))
      .returning();
    // CL-6, IN-1 .. IN-8: the duties acceptance starts, owned by the area office's supervisors (the intake Program Manager) until an investigator is assigned (CL-5), in this transaction (issue 4, item 2).
    await raiseAcceptanceDuties(tx, ctx, { id, townName: current.townName, investigatorId: current.investigatorId, htCharacteristics: current.htCharacteristics, responseDueAt: due }, referral.children, user.id);
    u.audit({
      action: 'referral.route_to_office',
      recordType,
      recordId: id,
      detail: { officeCode: target.officeCode, kind: target.kind, ruleCode: target.kind === 'siu' ? target.ruleCode : null, reason: target.reason },
    });

    // CL-5: an accepted HT referral's Critical Incident, with the decision and response time: a new
    // version of the one made when trafficking was evident at the report (or IN-4's), if there is one.
    const incident = criticalIncidentRequired({ accepted: true, htEvident: current.htEvident, htCharacteristics: current.htCharacteristics });
    if (incident.required) {
      const [office] = await tx.select({ phone: offices.phone }).from(offices).where(eq(offices.id, user.officeId));
      const worker = { name: user.displayName, callbackPhone: office?.phone ?? carelineCallbackPhone };
      const origin = await originOf(tx, current);
      const pdf = await renderPdf(
        dcf823Content({
          referralNumber: current.number,
          receivedAt,
          townName,
          reason: incident.reason ?? '',
          decision: 'accepted',
          responsePriority: { label: priority.outcomeLabel, dueAt: due, overridden: priority.override !== undefined },
          children: referral.children,
          exploiters: referral.exploiters,
          places: referral.places,
          noticesSent: dcf737sSent(origin, referralNoticesWarranted({ htCharacteristics: current.htCharacteristics, origin: origin.kind }).required, townName),
          incidentSummary: `Referral ${current.number} was accepted for investigation; response ${priority.outcomeLabel.toLowerCase()}. The full report is in Harbor.`,
          worker,
        }),
        { date: now },
      );
      await sendCriticalIncident({ tx, user, referralId: id, ctx }, townName, 'accepted', { pdf, number: current.number });
    }
    u.audit({ action: 'referral.decide', recordType, recordId: id, detail: { decision: body.decision, outcome: priority.outcome, responseHours: priority.responseHours, overridden: priority.override !== undefined } });
    return viewOf(tx, ctx.vault, row!);
  });
}
