import { carelineOfficeCode, type MaltreatmentCategory } from '@harbor/policy';
import type { HtFoundBody, HtFoundResult, ReferralDraft } from '@harbor/policy/api';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Audit } from '../audit/index.js';
import type { UserRepository } from '../data/index.js';
import { offices, referralChildren, referralNotices, referrals } from '../db/schema.js';
import { conflict, notFound } from '../http/errors.js';
import { completeObligations, raiseObligations, type ObligationContext } from '../obligations/index.js';
import { mailQueued } from '../outbox/index.js';
import { areaOfficeIdOf, draftOf, insertDraft, submitDraftRow, validateReferral, type SubmitContext } from '../referrals/index.js';
import { findInvestigation, recordType } from './service.js';

/**
 * IN-4: human trafficking first identified during an investigation. One action, one transaction:
 * a new Careline referral prefilled from the investigation's referral (its children, linked to the
 * same person records, with the HT category added; the town, places and exploiters; the narrative
 * after "HT identified during investigation of R-..."), filed with the Careline and submitted
 * through the Careline's own submit flow, so its DCF-737 notices go out (CL-4: the only set about
 * this allegation, since the investigation's referral had no HT characteristics and sent none)
 * and it waits in the Careline's queue for the acceptance decision; its submission makes its
 * Critical Incident (DCF-823), named for HT found in the investigation, which its acceptance later
 * updates (CL-5: one Critical Incident, a new version). A retry with the same key answers the
 * first and makes nothing new.
 */
export type HtFoundContext = ObligationContext & SubmitContext;

export async function reportHtFound(repo: UserRepository, ctx: HtFoundContext, referralId: string, body: HtFoundBody): Promise<HtFoundResult> {
  const key = `ht-found:${body.idempotencyKey}`;
  const result = await repo.unit(async (u): Promise<{ answer: HtFoundResult; mailed: boolean } | null> => {
    const { db: tx, user } = u;
    // Audit rows of the referral helpers that take an `audit` function (insertDraft, submitDraftRow).
    const audit: Audit = (entry) => Promise.resolve(u.audit(entry));
    // A retry is looked up on the investigation the caller may write (its assigned worker): anyone else's is "not found".
    const row = await findInvestigation(u, referralId, true);
    if (!row) return null;
    const [earlier] = await tx
      .select()
      .from(referrals)
      .where(and(eq(referrals.originType, 'referral'), eq(referrals.originId, referralId)))
      .limit(1);
    if (earlier) {
      if (earlier.idempotencyKey === key) {
        u.audit({ action: 'investigation.ht_found', recordType, recordId: referralId, detail: { newReferralId: earlier.id, number: earlier.number, replayed: true, clause: 'IN-4' } });
        u.shown('referral', [earlier.id]);
        return { answer: { referralId: earlier.id, number: earlier.number, status: earlier.status as HtFoundResult['status'], submitted: earlier.status !== 'draft', criticalIncidents: 0 }, mailed: false };
      }
      throw conflict(`HT found during this investigation was already reported: referral ${earlier.number}.`);
    }
    if (row.htCharacteristics) throw conflict('This referral already has HT characteristics: request the HART consult (IN-1) instead.');

    const original = validateReferral(draftOf(ctx.vault, row));
    const people = await tx.select({ i: referralChildren.childIndex, personId: referralChildren.personId }).from(referralChildren).where(eq(referralChildren.referralId, referralId)).orderBy(asc(referralChildren.childIndex));
    const personOf = new Map(people.map((p) => [p.i, p.personId]));
    const [office] = await tx.select({ name: offices.name, phone: offices.phone }).from(offices).where(eq(offices.id, user.officeId));
    const [careline] = await tx.select({ id: offices.id }).from(offices).where(eq(offices.code, carelineOfficeCode));
    const now = ctx.clock.now();
    const category: MaltreatmentCategory = body.category;
    const children = original.children.map((c, i) => ({
      ...c,
      linkedPersonId: personOf.get(i) ?? c.linkedPersonId ?? null,
      allegations: c.allegations.includes(category) ? c.allegations : [...c.allegations, category],
    }));
    const draft: ReferralDraft = {
      receivedAt: now.toISOString(),
      channel: 'other',
      reporter: { anonymous: false, name: user.displayName, relationship: 'professional', mandatedReporterType: 'dcf_employee', contact: { organization: office?.name ?? 'DCF', ...(office?.phone ? { phone: office.phone } : {}) } },
      children,
      exploiters: original.exploiters,
      places: original.places,
      narrative: `HT identified during investigation of ${row.number}. ${body.narrative}`,
      ...(original.otherConcerns ? { otherConcerns: original.otherConcerns } : {}),
    };
    const created = await insertDraft(tx, ctx, user, audit, draft, 'investigation', { origin: { type: 'referral', id: referralId }, ...(careline ? { officeId: careline.id } : {}) });
    const submitted = await submitDraftRow(tx, ctx, user, audit, created, key);

    // IN-4's Critical Incident is the new referral's own, named for HT found in the investigation
    // (made by its submission); the investigation's referral had no HT characteristics, so it had
    // neither DCF-737s nor a Critical Incident: the new referral's are the only set.
    const [{ n: incidents = 0 } = {}] = await tx.select({ n: count() }).from(referralNotices).where(and(eq(referralNotices.referralId, submitted.id), eq(referralNotices.means, 'dcf823')));
    const officeId = await areaOfficeIdOf(tx, row.townName);
    await raiseObligations(tx, ctx, { kind: 'ht_identified_in_investigation', at: now, subjects: { referral: referralId }, ...(officeId ? { officeId } : {}), assigneeId: user.id }, user.id);
    await completeObligations(tx, ctx, { subjectType: 'referral', subjectId: referralId, completes: 'ht_referral_made' }, user.id, {
      who: user.displayName,
      when: now.toISOString(),
      outcome: `New Careline referral ${submitted.number} with the ${category === 'ht_sex' ? 'HT (sex)' : 'HT (labor)'} category; Critical Incident generated`,
    });
    u.audit({ action: 'investigation.ht_found', recordType, recordId: referralId, detail: { newReferralId: submitted.id, number: submitted.number, category, criticalIncidents: incidents, clause: 'IN-4' } });
    // The new referral's DCF-737s (and its Critical Incident) were queued.
    return { answer: { referralId: submitted.id, number: submitted.number, status: submitted.status as HtFoundResult['status'], submitted: true, criticalIncidents: incidents }, mailed: true };
  });
  if (!result) throw notFound('investigation');
  // After the commit (a first report, not a retry): the new referral's DCF-737s and Critical
  // Incident go out now, not at the delivery worker's next poll.
  if (result.mailed) mailQueued();
  return result.answer;
}
