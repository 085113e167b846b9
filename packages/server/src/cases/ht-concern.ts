import { carelineCallbackPhone, carelineOfficeCode, ctObligationRules, dcf737Content, htCharacteristics, isIndicatorCode, requiredNotices, type Gender, type MaltreatmentCategory } from '@harbor/policy';
import type { CaseView, HtConcernBody, ReferralDraft } from '@harbor/policy/api';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { AuthUser } from '../access/index.js';
import type { Audit } from '../audit/index.js';
import { requestConsult } from '../consults/index.js';
import type { UnitDb as Tx, UserRepository } from '../data/index.js';
import { caseAllegations, caseNotices, cases, consults, obligations, offices, people } from '../db/schema.js';
import { resolveParty } from '../directory/index.js';
import { renderPdf, storeDocument } from '../documents/index.js';
import { HttpError, conflict, forbidden, type FieldError } from '../http/errors.js';
import { completeObligations, raiseObligations, type ObligationContext } from '../obligations/index.js';
import { enqueueEmail, mailQueued } from '../outbox/index.js';
import { openIdentity, type Identity } from '../people/index.js';
import { insertDraft, submitDraftRow, validateReferral, type SubmitContext } from '../referrals/index.js';
import { allegationAt, assessmentAt, caseView, getCase, mayRaise, recordType, type CaseRow, type RedFlags } from './service.js';

/**
 * "Raise an HT concern" on an open case (OG-1 .. OG-4, seed 001), and each later "new HT
 * allegation" on it, in one transaction: the red-flag assessment (the Careline's indicator
 * checklist), a HART consult request to the area office's liaisons unless a consult of the case
 * is still open (OG-1, HL-1), the DCF-737 to local law enforcement, the HART Director, the FBI,
 * the Chief State's Attorney and the MDT (OG-2: the Director here, the region's HART Lead at the
 * Careline), and a Careline referral for the new allegation (OG-3), filed with the Careline and
 * submitted through its submit flow so it waits in the Careline's queue for a decision. Whether
 * that referral can be submitted is checked before anything is written: if not, the answer is a
 * 400 naming the form's field (the child's estimated age when the record has no date of birth).
 * The OG duties are raised (none that is still open again), and those the action fulfils are
 * closed. The first allegation lives on the case row; later ones in case_allegations. A retry
 * with the same key answers the allegation it made and makes nothing new.
 */
export type HtConcernContext = ObligationContext & SubmitContext;

const invalid = (fields: FieldError[]) => new HttpError(400, 'validation', `Check these fields: ${fields.map((f) => f.field).join(', ')}`, fields);

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

/** Keys that make allegation `seq`'s notices, consult and referral its own (the first keeps the keys it always had). */
const keyOf = (seq: number, base: string) => (seq === 1 ? base : `${base}:${seq}`);

/** OG-2: one DCF-737 per party (stored PDF, one e-mail in the outbox), recorded in case_notices for allegation `seq`. */
async function sendDcf737s(tx: Tx, ctx: HtConcernContext, user: AuthUser, row: CaseRow, seq: number, child: Child, indicators: readonly string[], now: Date): Promise<number> {
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
  const which = seq === 1 ? '' : ` (new allegation ${seq})`;
  // OG-2: the phone call to local police is recorded on the case too, awaiting the worker's record
  // of the call (a duty due at once, `police_phoned`, closed by POST /api/cases/:id/phone-notices).
  const required = requiredNotices({ context: 'ongoing', townName: child.townName });
  for (const n of required.filter((r) => r.means === 'phone')) {
    const to = await resolveParty(tx, n);
    await tx
      .insert(caseNotices)
      .values({ caseId: row.id, allegation: seq, key: n.key, party: n.party, means: n.means, partnerAgencyId: to.id, createdBy: user.id, createdAt: now })
      .onConflictDoNothing();
  }
  const notices = required.filter((n) => n.means === 'dcf737');
  for (const n of notices) {
    const to = await resolveParty(tx, n);
    const fileName = `DCF-737 ${row.number}${seq === 1 ? '' : `-${seq}`} ${to.code}.pdf`;
    const documentId = await storeDocument(tx, ctx.vault, { kind: 'DCF-737', recordType, recordId: row.id, fileName, bytes: pdf, createdBy: user.id });
    const queued = await enqueueEmail(
      tx,
      {
        idempotencyKey: keyOf(seq, `case:${row.id}:dcf737:${n.party}`),
        toAddress: to.email,
        toName: to.name,
        partyKind: n.party,
        partyRef: to.code,
        subject: `DCF-737 notice, open case ${row.number}${which}`,
        bodyText: `A DCF-737 Notification of Suspected Child Trafficking on open case ${row.number}${which} is attached.\nFor more, call ${worker.name} at ${worker.callbackPhone}.`,
        attachmentDocumentIds: [documentId],
        recordType,
        recordId: row.id,
      },
      { config: ctx.config, now },
    );
    await tx
      .insert(caseNotices)
      .values({ caseId: row.id, allegation: seq, key: n.key, party: n.party, means: n.means, partnerAgencyId: to.id, outboxMessageId: queued.id, documentId, createdBy: user.id, createdAt: now })
      .onConflictDoNothing();
  }
  return notices.length;
}

/**
 * OG-3: the Careline referral for the new allegation, prefilled with the case's child (linked to
 * the same person record) and the red flags. What the ongoing worker cannot know here (race,
 * language, citizenship) is "unknown" for the Careline to complete; the child's estimated age
 * comes from the form when the record has no date of birth.
 */
async function carelineDraft(tx: Tx, user: AuthUser, row: CaseRow, child: Child, body: HtConcernBody, now: Date): Promise<ReferralDraft> {
  const [office] = await tx.select({ name: offices.name, phone: offices.phone }).from(offices).where(eq(offices.id, user.officeId));
  return {
    receivedAt: now.toISOString(),
    channel: 'other',
    reporter: { anonymous: false, name: user.displayName, relationship: 'professional', mandatedReporterType: 'dcf_employee', contact: { organization: office?.name ?? 'DCF', ...(office?.phone ? { phone: office.phone } : {}) } },
    children: [
      {
        linkedPersonId: row.personId,
        firstName: child.firstName,
        lastName: child.lastName,
        aliases: child.aliases,
        dateOfBirth: child.dateOfBirth,
        estimatedAge: child.dateOfBirth ? null : (body.estimatedAge ?? null),
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
}

/**
 * OG-3 may not fail silently: the referral must be submittable before anything is written. Its
 * problems are named by what the worker can fix: the estimated age and the red flags and
 * narrative on this form, anything else on the child's record.
 */
function checkSubmittable(draft: ReferralDraft): void {
  try {
    validateReferral(draft);
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    const fields = (e.fields ?? []).map((f): FieldError => {
      const inChild = /^children\.0\.(.+)$/.exec(f.field)?.[1];
      if (inChild === 'dateOfBirth' || inChild === 'estimatedAge') return { field: 'estimatedAge', message: 'The child’s record has no date of birth: give the child’s estimated age so the Careline referral can be made' };
      if (inChild === 'allegations' || inChild === 'indicators') return { field: 'indicators', message: f.message };
      if (f.field === 'narrative') return { field: 'narrative', message: f.message };
      return { field: inChild ? `child.${inChild}` : f.field, message: `${f.message} (record it on the child’s record first)` };
    });
    const unique = fields.filter((f, i) => fields.findIndex((g) => g.field === f.field) === i);
    throw invalid(unique);
  }
}

/**
 * OG-3: the checked draft, filed with the Careline and submitted, marked as coming from allegation
 * `seq` of the case: the case sent its DCF-737s (OG-2), so the referral sends none of its own
 * (one allegation, one set of notices); a Critical Incident if trafficking is evident.
 */
async function referToCareline(tx: Tx, ctx: HtConcernContext, user: AuthUser, audit: Audit, row: CaseRow, seq: number, draft: ReferralDraft) {
  const [careline] = await tx.select({ id: offices.id }).from(offices).where(eq(offices.code, carelineOfficeCode));
  const created = await insertDraft(tx, ctx, user, audit, draft, 'open_case', { origin: { type: 'case', id: row.id, allegation: seq }, ...(careline ? { officeId: careline.id } : {}) });
  const submitted = await submitDraftRow(tx, ctx, user, audit, created, keyOf(seq, `og3:${row.id}`));
  return { id: submitted.id, number: submitted.number };
}

/** The allegation a key made on the case: 1 the first HT concern, 2.. a later one; null when the key is new. */
async function allegationOfKey(tx: Tx, row: CaseRow, key: string): Promise<number | null> {
  if ((row.redFlags as RedFlags | null)?.idempotencyKey === key) return 1;
  const [later] = await tx
    .select({ seq: caseAllegations.seq })
    .from(caseAllegations)
    .where(and(eq(caseAllegations.caseId, row.id), eq(caseAllegations.idempotencyKey, key)));
  return later?.seq ?? null;
}

/** OG-1: the case's consult still waiting to be held, which a new allegation relies on instead of requesting another. */
async function openConsult(tx: Tx, caseId: string) {
  const [c] = await tx
    .select({ id: consults.id, number: consults.number })
    .from(consults)
    .where(and(eq(consults.subjectType, recordType), eq(consults.subjectId, caseId), eq(consults.status, 'requested')))
    .orderBy(desc(consults.requestedAt))
    .limit(1);
  return c ?? null;
}

/** The OG rules of an HT concern, less those whose duty on the case is still open (it covers this allegation too). */
async function rulesToRaise(tx: Tx, ctx: HtConcernContext, caseId: string) {
  const rules = ctx.rules ?? ctObligationRules;
  const open = await tx
    .select({ completes: obligations.completes })
    .from(obligations)
    .where(and(eq(obligations.subjectType, recordType), eq(obligations.subjectId, caseId), inArray(obligations.state, ['open', 'overdue'])));
  const unresolved = new Set(open.map((o) => o.completes));
  return rules.filter((r) => !(r.on === 'ht_concern_raised' && unresolved.has(r.completes)));
}

export async function raiseHtConcern(repo: UserRepository, ctx: HtConcernContext, caseId: string, body: HtConcernBody): Promise<CaseView> {
  const result = await repo.unit(async (u): Promise<{ view: CaseView; mailed: boolean }> => {
    const { db: tx, user } = u;
    // Audit rows of the helpers that take an `audit` function (referrals' insertDraft, submitDraftRow).
    const audit: Audit = (entry) => Promise.resolve(u.audit(entry));
    // A retry is looked up on the case the caller reaches and may act on: another caller's key is "not found" or forbidden, never the case.
    const row = await getCase(u, caseId, true);
    if (!mayRaise(user, row)) throw forbidden();
    const replayed = await allegationOfKey(tx, row, body.idempotencyKey);
    if (replayed !== null) {
      // A retry answers the allegation it made; the answer shows the child, so it is audited too.
      u.audit({ action: 'case.ht_concern', recordType, recordId: row.id, detail: { replayed: true, allegation: replayed } });
      return { view: await caseView(u, ctx.vault, row), mailed: false };
    }
    if (row.status !== 'open') throw conflict('This case is closed.');
    const first = row.redFlags == null;
    const [later] = first ? [] : await tx.select({ n: count() }).from(caseAllegations).where(eq(caseAllegations.caseId, row.id));
    const seq = first ? 1 : 2 + Number(later?.n ?? 0);

    const [person] = await tx.select({ identity: people.identity, gender: people.gender, townName: people.townName }).from(people).where(eq(people.id, row.personId));
    const townName = row.townName ?? person?.townName ?? null;
    if (!person || !townName) throw invalid([{ field: 'townName', message: 'The child’s town is needed so the local police can be told; record it on the child’s record first' }]);
    const child: Child = { ...openIdentity(ctx.vault, row.personId, person.identity), gender: person.gender as Gender, townName };
    const now = ctx.clock.now();
    // OG-3: nothing is written unless the Careline referral can be submitted.
    const draft = await carelineDraft(tx, user, row, child, body, now);
    checkSubmittable(draft);

    const rules = await rulesToRaise(tx, ctx, row.id);
    const still = await openConsult(tx, row.id);
    const consult = still
      ? { ...still, requested: false }
      : { ...(await requestConsult(tx, ctx, user.id, { subjectType: 'case', subjectId: row.id, officeId: row.officeId, reason: body.narrative, idempotencyKey: keyOf(seq, `og1:${row.id}`) })).consult, requested: true };
    const sent = await sendDcf737s(tx, ctx, user, row, seq, child, body.indicators, now);
    const referral = await referToCareline(tx, ctx, user, audit, row, seq, draft);

    // OG-1: the red-flag assessment (codes in the row; the worker's words sealed).
    const sealed = { narrative: body.narrative, notes: body.notes ?? null };
    let updated: CaseRow | undefined;
    if (first) {
      const flags: RedFlags = {
        indicators: [...body.indicators],
        assessmentSealed: ctx.vault.sealJson(sealed, assessmentAt(row.id)),
        idempotencyKey: body.idempotencyKey,
        referralId: referral.id,
        consultId: consult.id,
        consultRequested: consult.requested,
      };
      [updated] = await tx
        .update(cases)
        .set({ htConcernAt: row.htConcernAt ?? now, htConcernBy: user.id, redFlags: flags, updatedAt: now, version: row.version + 1 })
        .where(eq(cases.id, row.id))
        .returning();
    } else {
      const id = crypto.randomUUID();
      await tx.insert(caseAllegations).values({
        id,
        caseId: row.id,
        seq,
        raisedAt: now,
        raisedBy: user.id,
        indicators: [...body.indicators],
        assessmentSealed: ctx.vault.sealJson(sealed, allegationAt(id)),
        idempotencyKey: body.idempotencyKey,
        referralId: referral.id,
        consultId: consult.id,
        consultRequested: consult.requested,
        createdAt: now,
      });
      [updated] = await tx.update(cases).set({ updatedAt: now, version: row.version + 1 }).where(eq(cases.id, row.id)).returning();
    }
    if (!updated) throw new Error('update returned nothing');

    await raiseObligations(
      tx,
      { ...ctx, rules },
      { kind: 'ht_concern_raised', at: now, subjects: { case: row.id }, officeId: row.officeId, ...(row.workerId ? { assigneeId: row.workerId } : {}) },
      user.id,
      first ? undefined : `allegation-${seq}`,
    );
    const done = async (completes: string, outcome: string) =>
      completeObligations(tx, ctx, { subjectType: recordType, subjectId: row.id, completes }, user.id, { who: user.displayName, when: now.toISOString(), outcome });
    await done('red_flags_assessed', `${body.indicators.length} red flag(s) recorded`);
    await done('consult_requested', consult.requested ? `HART consult ${consult.number} requested` : `HART consult ${consult.number} is still open; no new consult requested`);
    await done('dcf737_sent', `DCF-737 queued to ${sent} parties`);
    await done('careline_referral_made', `Careline referral ${referral.number} submitted`);
    u.audit({
      action: 'case.ht_concern',
      recordType,
      recordId: row.id,
      detail: {
        allegation: seq,
        indicatorCount: body.indicators.length,
        consultId: consult.id,
        consultNumber: consult.number,
        consultRequested: consult.requested,
        notices: sent,
        referralId: referral.id,
        referralNumber: referral.number,
        referralSubmitted: true,
      },
    });
    // OG-2's DCF-737s, and the OG-3 referral's Critical Incident when trafficking is evident.
    return { view: await caseView(u, ctx.vault, updated), mailed: true };
  });
  // After the commit: the DCF-737s go out now, not at the delivery worker's next poll.
  if (result.mailed) mailQueued();
  return result.view;
}
