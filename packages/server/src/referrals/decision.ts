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
import { and, eq } from 'drizzle-orm';
import type { RowOf, UserRepository } from '../data/index.js';
import { offices, referrals } from '../db/schema.js';
import { renderPdf } from '../documents/index.js';
import { mailQueued } from '../outbox/index.js';
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

type Row = RowOf<'referral'>;

/** The decision's checks against the referral as it stands (the same before the transaction and under its lock). */
function checkCurrent(current: Row, version: number): void {
  if (current.status === 'draft') throw conflict('Submit the referral before you decide on it.');
  if (current.status !== 'submitted') throw conflict('This referral has already been decided.');
  if (current.version !== version) throw conflict(draftConflictMessage.replace('draft', 'referral'));
}

/** What acceptance decides from the referral alone: its response time and the Critical Incident's new version, rendered. */
interface PreparedAcceptance {
  version: number;
  now: Date;
  priority: PriorityResult;
  due: Date;
  referral: ReturnType<typeof validate>;
  townName: string;
  /** CL-5: the DCF-823 of the acceptance, when one is required. */
  incident: Uint8Array | null;
}

/**
 * Before the transaction (issue 11: the PDF is rendered while no lock is held): the referral read
 * within the caller's reach (no lock, no audit row of its own: the decision's rows name it),
 * checked, and the acceptance's DCF-823 rendered. Answers null for a referral out of reach, which
 * the transaction then refuses as "not found".
 */
async function prepareAcceptance(
  repo: UserRepository,
  ctx: SubmitContext,
  id: string,
  body: Extract<DecideReferralBody, { decision: 'accepted' }>,
  priority: PriorityResult,
): Promise<PreparedAcceptance | null> {
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    const [current] = await tx.select().from(referrals).where(and(eq(referrals.id, id), u.scope('referral'))).limit(1);
    if (!current) return null;
    checkCurrent(current, body.version);
    const now = ctx.clock.now();
    const receivedAt = current.receivedAt ?? current.submittedAt ?? now;
    const due = dueAt(receivedAt, priority.responseHours);
    const referral = validate(draftOf(ctx.vault, current));
    const townName = current.townName ?? '';
    const prepared = { version: current.version, now, priority, due, referral, townName, incident: null };
    // CL-5: an accepted HT referral's Critical Incident, with the decision and response time.
    const required = criticalIncidentRequired({ accepted: true, htEvident: current.htEvident, htCharacteristics: current.htCharacteristics });
    if (!required.required) return prepared;
    const [office] = await tx.select({ phone: offices.phone }).from(offices).where(eq(offices.id, user.officeId));
    const worker = { name: user.displayName, callbackPhone: office?.phone ?? carelineCallbackPhone };
    const origin = await originOf(tx, current);
    const incident = await renderPdf(
      dcf823Content({
        referralNumber: current.number,
        receivedAt,
        townName,
        reason: required.reason ?? '',
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
    return { ...prepared, incident };
  });
}

/**
 * POST /api/referrals/:id/decision. Lean (issue 11), as the submission: an acceptance's DCF-823
 * is rendered before the transaction; the transaction locks the referral within the caller's
 * reach, refuses with the usual conflict if it changed since (what was rendered would not be what
 * is decided), and writes the decision. After the commit, the delivery worker is woken for the
 * DCF-823's mail.
 */
export async function decideReferral(repo: UserRepository, ctx: SubmitContext, id: string, body: DecideReferralBody): Promise<ReferralView> {
  const errors = checkDecision(body);
  if (errors.length > 0) throw invalid(errors);
  if (body.decision === 'not_accepted') {
    return repo.unit(async (u) => {
      const current = await u.get('referral', id, { lock: true });
      checkCurrent(current, body.version);
      const now = ctx.clock.now();
      const [row] = await u.db
        .update(referrals)
        .set({ ...decided(body.decision, u.user.id, now, current), status: 'not_accepted_pending_approval', nonAcceptanceReason: body.reasonCode, decisionExplanationSealed: sealText(ctx.vault, body.explanation, decisionExplanationAt(id)) })
        .where(eq(referrals.id, id))
        .returning();
      u.audit({ action: 'referral.decide', recordType, recordId: id, detail: { decision: body.decision, reasonCode: body.reasonCode, pendingApproval: 'careline_supervisor' } });
      return viewOf(u.db, ctx.vault, row!);
    });
  }
  const priority = priorityOf(body, repo.user.roles);
  const prepared = await prepareAcceptance(repo, ctx, id, body, priority);
  const result = await repo.unit(async (u) => {
    const { db: tx, user } = u;
    const current = await u.get('referral', id, { lock: true });
    checkCurrent(current, body.version);
    // Changed between the read above and this lock: what was rendered is not what would be decided.
    if (!prepared || prepared.version !== current.version) throw conflict(draftConflictMessage.replace('draft', 'referral'));
    const { now, due, referral, townName } = prepared;
    // CL-5: the Regional Office of the town's region, or the SIU when an SIU rule matches.
    const target = assignmentTarget({
      townName,
      children: referral.children.map((c) => ({ livingSituation: c.livingSituation ?? null, inDcfCare: c.dcfInvolvement?.inDcfCare ?? null })),
      exploiters: referral.exploiters.map((e) => ({ unknown: e.unknown ?? null, relationship: e.relationship ?? null })),
    });
    const [row] = await tx
      .update(referrals)
      .set({ ...decided(body.decision, user.id, now, current), status: 'accepted', ...sealPriority(ctx.vault, id, priority), responseDueAt: due, assignedOfficeCode: target.officeCode, assignedOfficeAt: now })
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
    // CL-5: the Critical Incident (rendered before the transaction): a new version of the one made
    // when trafficking was evident at the report (or IN-4's), if there is one.
    let mailed = false;
    if (prepared.incident) {
      const sent = await sendCriticalIncident({ tx, user, referralId: id, ctx }, townName, 'accepted', { pdf: prepared.incident, number: current.number });
      mailed = sent.views.some((v) => v.outboxMessageId !== null);
    }
    u.audit({ action: 'referral.decide', recordType, recordId: id, detail: { decision: body.decision, outcome: priority.outcome, responseHours: priority.responseHours, overridden: priority.override !== undefined } });
    return { view: await viewOf(tx, ctx.vault, row!), mailed };
  });
  // After the commit: the DCF-823's mail goes out now, not at the next poll.
  if (result.mailed) mailQueued();
  return result.view;
}

const decided = (decision: DecideReferralBody['decision'], userId: string, now: Date, current: Row) => ({ decision, decidedBy: userId, decidedAt: now, updatedAt: now, version: current.version + 1 });
