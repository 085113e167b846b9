import { carelineCallbackPhone, carelineOfficeCode, dcf737Content, htCharacteristics, isIndicatorCode, requiredNotices, type Gender, type MaltreatmentCategory } from '@harbor/policy';
import type { CaseView, HtConcernBody, ReferralDraft } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import { forbidden } from '../http/errors.js';
import type { Actor, AuthUser } from '../access/index.js';
import { audited, type Audit } from '../audit/index.js';
import { requestConsult } from '../consults/index.js';
import type { Db, Tx } from '../db/client.js';
import { caseNotices, cases, offices, people } from '../db/schema.js';
import { resolveParty } from '../directory/index.js';
import { renderPdf, storeDocument } from '../documents/index.js';
import { HttpError, conflict, notFound } from '../http/errors.js';
import { completeObligations, raiseObligations, type ObligationContext } from '../obligations/index.js';
import { enqueueEmail } from '../outbox/index.js';
import { openIdentity, type Identity } from '../people/index.js';
import { insertDraft, submitDraftRow, validateReferral, type SubmitContext } from '../referrals/index.js';
import { assessmentAt, caseView, findCase, mayRaise, recordType, requireUser, type CaseRow, type RedFlags } from './service.js';

/**
 * "Raise an HT concern" on an open case (OG-1 .. OG-4, seed 001), in one transaction: the red-flag
 * assessment (the Careline's indicator checklist), a HART consult request to the area office's
 * liaisons (OG-1, HL-1), the DCF-737 to local law enforcement, the HART Director, the FBI, the
 * Chief State's Attorney and the MDT (OG-2: the Director here, the region's HART Lead at the
 * Careline), and a Careline referral for the new allegation (OG-3), filed with the Careline and
 * submitted through its submit flow so it waits in the Careline's queue for a decision. The OG
 * duties are raised, and those the action itself fulfils are closed. A retry with the same key
 * answers the first and makes nothing new.
 */
export type HtConcernContext = ObligationContext & SubmitContext;

const invalid = (field: string, message: string) => new HttpError(400, 'validation', `Check these fields: ${field}`, [{ field, message }]);

/** The HT categories the red flags point to (an indicator of both forms counts for both). */
function categoriesOf(codes: readonly string[]): MaltreatmentCategory[] {
  const { forms } = htCharacteristics(codes.filter(isIndicatorCode));
  const out: MaltreatmentCategory[] = [];
  if (forms.includes('sex')) out.push('ht_sex');
  if (forms.includes('labor')) out.push('ht_labor');
  return out.length > 0 ? out : ['ht_sex'];
}

interface Child extends Identity {
  gender: Gender;
  townName: string;
}

/** OG-2: one DCF-737 per party (stored PDF, one e-mail in the outbox), recorded in case_notices. */
async function sendDcf737s(tx: Tx, ctx: HtConcernContext, user: AuthUser, row: CaseRow, child: Child, indicators: readonly string[], now: Date): Promise<number> {
  const [office] = await tx.select({ phone: offices.phone }).from(offices).where(eq(offices.id, user.officeId));
  const worker = { name: user.displayName, callbackPhone: office?.phone ?? carelineCallbackPhone };
  const pdf = await renderPdf(
    dcf737Content({
      referralNumber: row.number,
      receivedAt: now,
      townName: child.townName,
      children: [{ firstName: child.firstName, lastName: child.lastName, dateOfBirth: child.dateOfBirth, gender: child.gender, allegations: categoriesOf(indicators), indicators }],
      reporter: { anonymous: false, relationship: 'professional', mandatedReporterType: 'dcf_employee' },
      worker,
      context: 'ongoing',
    }),
    { date: now },
  );
  // The phone call to local police is the worker's own (the policy's "immediately"); the case records the DCF-737s.
  const notices = requiredNotices({ context: 'ongoing', townName: child.townName }).filter((n) => n.means === 'dcf737');
  for (const n of notices) {
    const to = await resolveParty(tx, n);
    const documentId = await storeDocument(tx, ctx.vault, { kind: 'DCF-737', recordType, recordId: row.id, fileName: `DCF-737 ${row.number} ${to.code}.pdf`, bytes: pdf, createdBy: user.id });
    const queued = await enqueueEmail(
      tx,
      {
        idempotencyKey: `case:${row.id}:dcf737:${n.party}`,
        toAddress: to.email,
        toName: to.name,
        partyKind: n.party,
        partyRef: to.code,
        subject: `DCF-737 notice, open case ${row.number}`,
        bodyText: `A DCF-737 Notification of Suspected Child Trafficking on open case ${row.number} is attached.\nFor more, call ${worker.name} at ${worker.callbackPhone}.`,
        attachmentDocumentIds: [documentId],
        recordType,
        recordId: row.id,
      },
      { config: ctx.config, now },
    );
    await tx
      .insert(caseNotices)
      .values({ caseId: row.id, key: n.key, party: n.party, means: n.means, partnerAgencyId: to.id, outboxMessageId: queued.id, documentId, createdBy: user.id, createdAt: now })
      .onConflictDoNothing();
  }
  return notices.length;
}

/**
 * OG-3: the Careline referral for the new allegation, prefilled with the case's child (linked to
 * the same person record) and the red flags, filed with the Careline, and submitted. What the
 * ongoing worker cannot know here (race, language, citizenship) is "unknown" for the Careline to
 * complete. A child without a date of birth cannot be submitted: the draft then stays with the
 * Careline office, and OG-3 stays open.
 */
async function referToCareline(tx: Tx, ctx: HtConcernContext, user: AuthUser, audit: Audit, row: CaseRow, child: Child, personId: string, body: HtConcernBody, now: Date) {
  const [careline] = await tx.select({ id: offices.id, phone: offices.phone }).from(offices).where(eq(offices.code, carelineOfficeCode));
  const [office] = await tx.select({ name: offices.name, phone: offices.phone }).from(offices).where(eq(offices.id, user.officeId));
  const draft: ReferralDraft = {
    receivedAt: now.toISOString(),
    channel: 'other',
    reporter: { anonymous: false, name: user.displayName, relationship: 'professional', mandatedReporterType: 'dcf_employee', contact: { organization: office?.name ?? 'DCF', ...(office?.phone ? { phone: office.phone } : {}) } },
    children: [
      {
        linkedPersonId: personId,
        firstName: child.firstName,
        lastName: child.lastName,
        aliases: child.aliases,
        dateOfBirth: child.dateOfBirth,
        estimatedAge: null,
        gender: child.gender,
        races: ['unknown'],
        ethnicity: 'unknown',
        primaryLanguage: 'Unknown',
        citizenship: 'unknown',
        townName: child.townName,
        state: 'CT',
        livingSituation: 'other',
        dcfInvolvement: { openCase: true, inDcfCare: false },
        prostitutedOrCse: false,
        allegations: categoriesOf(body.indicators),
        indicators: body.indicators,
      },
    ],
    exploiters: [],
    places: [],
    narrative: `HT concern raised on open case ${row.number}. ${body.narrative}`,
  };
  const created = await insertDraft(tx, ctx, user, audit, draft, 'open_case', { origin: { type: 'case', id: row.id }, ...(careline ? { officeId: careline.id } : {}) });
  try {
    validateReferral(draft);
  } catch {
    return { id: created.id, number: created.number, submitted: false };
  }
  const submitted = await submitDraftRow(tx, ctx, user, audit, created, `og3:${row.id}`);
  return { id: submitted.id, number: submitted.number, submitted: true };
}

export async function raiseHtConcern(db: Db, ctx: HtConcernContext, actor: Actor, caseId: string, body: HtConcernBody): Promise<CaseView> {
  const user = requireUser(actor);
  const view = await audited(db, actor, async (tx, audit) => {
    const row = await findCase(tx, user, caseId, true);
    if (!row) return null;
    if (!mayRaise(user, row)) throw forbidden();
    if (row.htConcernAt) {
      const flags = row.redFlags as RedFlags | null;
      if (flags?.idempotencyKey === body.idempotencyKey) {
        await audit({ action: 'case.ht_concern', recordType, recordId: row.id, detail: { replayed: true } });
        return caseView(tx, ctx.vault, user, row);
      }
      throw conflict(`An HT concern was already raised on this case (${row.htConcernAt.toISOString().slice(0, 10)}).`);
    }
    if (row.status !== 'open') throw conflict('This case is closed.');
    const [person] = await tx.select({ identity: people.identity, gender: people.gender, townName: people.townName }).from(people).where(eq(people.id, row.personId));
    const townName = row.townName ?? person?.townName ?? null;
    if (!person || !townName) throw invalid('townName', 'The child’s town is needed so the local police can be told; record it on the child’s record first');
    const child: Child = { ...openIdentity(ctx.vault, row.personId, person.identity), gender: person.gender as Gender, townName };
    const now = ctx.clock.now();

    // OG-1: the red-flag assessment (codes in the row; the worker's words sealed).
    const flags: RedFlags = {
      indicators: [...body.indicators],
      assessmentSealed: ctx.vault.sealJson({ narrative: body.narrative, notes: body.notes ?? null }, assessmentAt(row.id)),
      idempotencyKey: body.idempotencyKey,
    };
    const [updated] = await tx
      .update(cases)
      .set({ htConcernAt: now, htConcernBy: user.id, redFlags: flags, updatedAt: now, version: row.version + 1 })
      .where(eq(cases.id, row.id))
      .returning();
    if (!updated) throw new Error('update returned nothing');
    const { consult } = await requestConsult(tx, ctx, user.id, { subjectType: 'case', subjectId: row.id, officeId: row.officeId, reason: body.narrative, idempotencyKey: `og1:${row.id}` });
    const sent = await sendDcf737s(tx, ctx, user, updated, child, body.indicators, now);
    const referral = await referToCareline(tx, ctx, user, audit, updated, child, row.personId, body, now);

    await raiseObligations(tx, ctx, { kind: 'ht_concern_raised', at: now, subjects: { case: row.id }, officeId: row.officeId, ...(row.workerId ? { assigneeId: row.workerId } : {}) }, user.id);
    const done = async (completes: string, outcome: string) =>
      completeObligations(tx, ctx, { subjectType: recordType, subjectId: row.id, completes }, user.id, { who: user.displayName, when: now.toISOString(), outcome });
    await done('red_flags_assessed', `${body.indicators.length} red flag(s) recorded`);
    await done('consult_requested', `HART consult ${consult.number} requested`);
    await done('dcf737_sent', `DCF-737 queued to ${sent} parties`);
    if (referral.submitted) await done('careline_referral_made', `Careline referral ${referral.number} submitted`);
    await audit({
      action: 'case.ht_concern',
      recordType,
      recordId: row.id,
      detail: { indicatorCount: body.indicators.length, consultId: consult.id, consultNumber: consult.number, notices: sent, referralId: referral.id, referralNumber: referral.number, referralSubmitted: referral.submitted },
    });
    return caseView(tx, ctx.vault, user, updated);
  });
  if (!view) throw notFound('case');
  return view;
}
