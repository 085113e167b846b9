import {
  carelineCallbackPhone,
  criticalIncidentNotices,
  criticalIncidentRequired,
  criticalIncidentStep,
  criticalIncidentTriggers,
  dcf737Content,
  dcf823Content,
  noticeTown,
  referralHtCharacteristics,
  referralNoticesWarranted,
  requiredNotices,
  type CriticalIncidentStage,
  type ReferralOrigin,
  type RequiredNotice,
} from '@harbor/policy';
import { submitReferralBody, type PartnerAgencyView, type ReferralView, type SubmitReferralBody } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import type { Actor, AuthUser } from '../access/index.js';
import { audited, type Audit } from '../audit/index.js';
import type { Config } from '../config.js';
import type { Db, Tx } from '../db/client.js';
import { cases, offices, referralNotices, referrals } from '../db/schema.js';
import { resolveParty } from '../directory/index.js';
import { latestDocument, renderPdf, storeDocument } from '../documents/index.js';
import { HttpError, conflict, notFound } from '../http/errors.js';
import { raiseObligations } from '../obligations/index.js';
import { enqueueEmail } from '../outbox/index.js';
import { recordChildren } from './children.js';
import { obligationContext } from './duties.js';
import { draftConflictMessage, findInScope, recordType, requireUser, viewOf, draftOf, type RecordContext, type Row } from './service.js';

/**
 * Submitting a referral (CL-1, CL-3, CL-4, CL-5), in one transaction: the draft is checked in full
 * (errors name the field; the draft is kept), the referral is marked submitted with its HT flag;
 * a referral with HT characteristics sends every required party its DCF-737 (a stored PDF and one
 * e-mail in the outbox) and gives the worker the duty of the immediate phone call to local police
 * (`referralNoticesWarranted`: none for a referral without HT characteristics, none for OG-3's
 * referral, whose case sent them); when trafficking is evident, the DCF-823 goes to the HART
 * Director. Nothing is sent here: the outbox delivers after
 * commit, so a mail server that is down loses nothing. A retried submit with the same key
 * answers the first submission and creates nothing.
 */
export interface SubmitContext extends RecordContext {
  config: Pick<Config, 'smtpUrl' | 'criticalIncidentRecipients' | 'timeZone'>;
}

const fieldPath = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : 'body');

export function validate(draft: Record<string, unknown>): SubmitReferralBody {
  const parsed = submitReferralBody.safeParse(draft);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message }));
  throw new HttpError(400, 'validation', `Check these fields before you submit: ${[...new Set(fields.map((f) => f.field))].join(', ')}`, fields);
}

export interface Sender {
  tx: Tx;
  user: AuthUser;
  referralId: string;
  ctx: SubmitContext;
}

/**
 * One notice of a referral: its row, and for an e-mailed one a message in the outbox. `mail.pdf`
 * stores the document for this party alone (a DCF-737); `mail.document` names one already stored
 * for every recipient (a DCF-823 version), attached or, for the note of a new version, not.
 */
export async function recordNotice(
  s: Sender,
  notice: Pick<RequiredNotice, 'key' | 'party' | 'immediate'> & { means: string },
  to: PartnerAgencyView,
  mail?: { subject: string; body: string; form: string; number: string; keyPart?: string; pdf?: Uint8Array; document?: { id: string; attach: boolean } },
) {
  let outboxMessageId: string | null = null;
  let documentId: string | null = null;
  if (mail) {
    documentId = mail.document?.id ?? null;
    if (mail.pdf) documentId = await storeDocument(s.tx, s.ctx.vault, { kind: mail.form, recordType, recordId: s.referralId, fileName: `${mail.form} ${mail.number} ${to.code}.pdf`, bytes: mail.pdf, createdBy: s.user.id });
    const attach = mail.pdf !== undefined || mail.document?.attach === true;
    const queued = await enqueueEmail(
      s.tx,
      {
        idempotencyKey: `referral:${s.referralId}:${mail.keyPart ?? mail.form.toLowerCase().replace('-', '')}:${notice.party}`,
        toAddress: to.email,
        toName: to.name,
        partyKind: notice.party,
        partyRef: to.code,
        subject: mail.subject,
        bodyText: mail.body,
        attachmentDocumentIds: attach && documentId ? [documentId] : [],
        recordType,
        recordId: s.referralId,
      },
      { config: s.ctx.config, now: s.ctx.clock.now() },
    );
    outboxMessageId = queued.id;
  }
  await s.tx.insert(referralNotices).values({
    referralId: s.referralId,
    key: notice.key,
    party: notice.party,
    means: notice.means,
    immediate: notice.immediate,
    partnerAgencyId: to.id,
    outboxMessageId,
    documentId,
    createdAt: s.ctx.clock.now(),
  });
}

/**
 * CL-5, IN-4: the referral's Critical Incident (DCF-823) for one triggering event, by the rule of
 * `criticalIncidentStep`: the first trigger stores version 1 and mails it to each configured
 * recipient; a later one stores the next version (the earlier kept) and mails each recipient a
 * short note of the update, without the document. Answers how many recipients were told.
 */
export async function sendCriticalIncident(s: Sender, townName: string, stage: CriticalIncidentStage, incident: { pdf: Uint8Array; number: string }): Promise<{ notices: number; version: number }> {
  const current = await latestDocument(s.tx, recordType, s.referralId, 'DCF-823');
  const step = criticalIncidentStep({ currentVersion: current?.version ?? null });
  const trigger = criticalIncidentTriggers[stage];
  const documentId = await storeDocument(s.tx, s.ctx.vault, {
    kind: 'DCF-823',
    recordType,
    recordId: s.referralId,
    fileName: `DCF-823 ${incident.number} v${step.version} ${trigger.label}.pdf`,
    bytes: incident.pdf,
    createdBy: s.user.id,
    ...(step.action === 'update' && current ? { previous: current } : {}),
  });
  const keyPart = { report: 'dcf823', accepted: 'dcf823-accepted', ht_found: 'dcf823-ht-found' }[stage];
  const mail =
    step.action === 'create'
      ? {
          subject: `DCF-823 Critical Incident, referral ${incident.number}: ${trigger.label}`,
          body: `An Exceptional Circumstance - Critical Incident (DCF-823) for referral ${incident.number} is attached (${trigger.label}).`,
          document: { id: documentId, attach: true },
        }
      : {
          subject: `Critical Incident updated, referral ${incident.number}: ${trigger.label}`,
          body: `The Critical Incident (DCF-823) of referral ${incident.number} was updated to version ${step.version}: ${trigger.label}.\nThe document was sent to you once, with version 1; it is not attached again. Read the current version in Harbor.`,
          document: { id: documentId, attach: false },
        };
  const notices = criticalIncidentNotices({ townName, recipients: s.ctx.config.criticalIncidentRecipients, stage });
  for (const n of notices) {
    const to = await resolveParty(s.tx, n);
    await recordNotice(s, n, to, { ...mail, form: 'DCF-823', number: incident.number, keyPart });
  }
  return { notices: notices.length, version: step.version };
}

/** Where a referral comes from (CL-4, OG-3, IN-4), with the number of the record it came from. */
export async function originOf(tx: Tx, row: Row): Promise<{ kind: ReferralOrigin; number: string | null; allegation: number | null }> {
  if (row.originType === 'case' && row.originId) {
    const [c] = await tx.select({ number: cases.number }).from(cases).where(eq(cases.id, row.originId));
    return { kind: 'open_case', number: c?.number ?? null, allegation: row.originAllegation };
  }
  if (row.originType === 'referral' && row.originId) {
    const [r] = await tx.select({ number: referrals.number }).from(referrals).where(eq(referrals.id, row.originId));
    return { kind: 'investigation', number: r?.number ?? null, allegation: null };
  }
  return { kind: 'report', number: null, allegation: null };
}

/** What the DCF-823 says of the DCF-737s: the parties this referral notified, or the open case that did (OG-2). */
export function dcf737sSent(origin: { kind: ReferralOrigin; number: string | null }, warranted: boolean, townName: string): string[] {
  if (origin.kind === 'open_case') return [`The DCF-737s of open case ${origin.number ?? ''} (OG-2), not repeated by this referral`];
  if (!warranted) return [];
  return requiredNotices({ context: 'careline', townName }).filter((n) => n.means === 'dcf737').map((n) => n.description);
}

export async function submitReferral(db: Db, ctx: SubmitContext, actor: Actor, id: string, version: number, key: string | null): Promise<ReferralView> {
  const user = requireUser(actor);
  const view = await audited(db, actor, async (tx, audit) => {
    const current = await findInScope(tx, user, id, true);
    if (!current) return null;
    if (current.status !== 'draft') {
      // A retried request (same key): the first submission's answer, nothing made twice.
      if (key !== null && current.idempotencyKey === key) return viewOf(tx, ctx.vault, current);
      throw conflict('This referral has already been submitted.');
    }
    if (current.version !== version) throw conflict(draftConflictMessage);
    return viewOf(tx, ctx.vault, await submitDraftRow(tx, ctx, user, audit, current, key));
  });
  if (!view) throw notFound('referral');
  return view;
}

/**
 * The submission itself, in the caller's transaction, of a draft the caller has found within the
 * user's reach and locked: checked in full, marked submitted, children recorded, every notice
 * queued, the DCF-823 when trafficking is evident. Also used by IN-4 and OG-3, whose new
 * referrals are submitted in the same transaction as the action that makes them.
 */
export async function submitDraftRow(tx: Tx, ctx: SubmitContext, user: AuthUser, audit: Audit, current: Row, key: string | null): Promise<Row> {
  const id = current.id;
  const referral = validate(draftOf(ctx.vault, current));
  const townName = noticeTown(referral);
  if (!townName) throw new HttpError(400, 'validation', 'children.0.townName: Give a Connecticut town for the child or the place, so the local police can be told', [{ field: 'children.0.townName', message: 'Give a Connecticut town for the child or a place of the events' }]);
  const ht = referralHtCharacteristics(referral.children); // CL-1
  const now = ctx.clock.now();
  const [row] = await tx
    .update(referrals)
    .set({ status: 'submitted', receivedAt: new Date(referral.receivedAt), channel: referral.channel, htCharacteristics: ht.flagged, htEvident: ht.evident, townName, submittedAt: now, submittedBy: user.id, idempotencyKey: key, updatedAt: now, version: current.version + 1 })
    .where(eq(referrals.id, id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  const children = await recordChildren(tx, { referralId: id, userId: user.id, now, audit, vault: ctx.vault }, referral.children);

  const [office] = await tx.select({ phone: offices.phone }).from(offices).where(eq(offices.id, user.officeId));
  const worker = { name: user.displayName, callbackPhone: office?.phone ?? carelineCallbackPhone };
  const s: Sender = { tx, user, referralId: id, ctx };
  // CL-4: the DCF-737s and the police phone call only for an HT referral, and once per allegation (OG-3's referral: the case sent them).
  const origin = await originOf(tx, current);
  const warrant = referralNoticesWarranted({ htCharacteristics: ht.flagged, origin: origin.kind });
  const notices = warrant.required ? requiredNotices({ context: 'careline', townName }) : [];
  const dcf737 = warrant.required
    ? await renderPdf(dcf737Content({ referralNumber: row.number, receivedAt: referral.receivedAt, townName, children: referral.children, reporter: referral.reporter, worker }), { date: now })
    : null;
  for (const n of notices) {
    const to = await resolveParty(tx, n);
    if (n.means === 'phone' || !dcf737) await recordNotice(s, n, to);
    else {
      const body = `A DCF-737 Notification of Suspected Child Trafficking for referral ${row.number} is attached.\nFor more, call ${worker.name} at ${worker.callbackPhone}.`;
      await recordNotice(s, n, to, { subject: `DCF-737 notice, referral ${row.number}`, body, pdf: dcf737, form: 'DCF-737', number: row.number });
    }
  }
  // CL-4: the immediate phone call to local police is a duty (due at once, escalated like any
  // other), owned by someone who can record it through POST /api/referrals/:id/phone-notices.
  // A Careline worker's referral: the worker who submitted it. IN-4's referral, submitted in an
  // investigation worker's action: the Careline office that holds the referral (its supervisors,
  // who already write Careline referrals statewide), not the investigation worker. Least
  // privilege: the investigation worker's role has no `referral.write`, and giving it a way to
  // write to a Careline referral (or a supervisor above them one) would widen what that role can
  // touch; the Careline sends this referral's DCF-737s, so it makes the call that goes with them.
  const byInvestigation = origin.kind === 'investigation';
  await raiseObligations(
    tx,
    obligationContext({ ...ctx, timeZone: ctx.timeZone ?? ctx.config.timeZone }),
    {
      kind: 'referral_submitted',
      at: now,
      subjects: { referral: id },
      officeId: byInvestigation ? row.officeId : user.officeId,
      ...(byInvestigation ? {} : { assigneeId: user.id }),
      facts: { policePhoneRequired: notices.some((n) => n.means === 'phone') },
    },
    user.id,
  );
  // CL-5, IN-4: the Critical Incident when trafficking is evident at the report, or, for IN-4's referral, named for HT found in the investigation.
  const htFound = origin.kind === 'investigation';
  const incident = criticalIncidentRequired({ accepted: null, htEvident: ht.evident, htCharacteristics: ht.flagged, htFoundInInvestigation: htFound });
  let incidents = 0;
  if (incident.required) {
    const pdf = await renderPdf(
      dcf823Content({
        referralNumber: row.number,
        receivedAt: referral.receivedAt,
        townName,
        reason: incident.reason ?? '',
        decision: null,
        children: referral.children,
        exploiters: referral.exploiters,
        places: referral.places,
        noticesSent: dcf737sSent(origin, warrant.required, townName),
        incidentSummary: htFound
          ? `Human trafficking was first identified during the investigation of referral ${origin.number ?? ''}. This Careline referral, ${row.number}, was made with the human-trafficking category; its notices went out on submission.`
          : `Human trafficking was evident when the report was made: ${ht.reasons.join('; ')}. The full report is in Harbor under referral ${row.number}.`,
        worker,
      }),
      { date: now },
    );
    incidents = (await sendCriticalIncident(s, townName, htFound ? 'ht_found' : 'report', { pdf, number: row.number })).notices;
  }
  await audit({ action: 'referral.submit', recordType, recordId: id, detail: { number: row.number, htCharacteristics: ht.flagged, htEvident: ht.evident, origin: origin.kind, noticesWarranted: warrant.required, notices: notices.length + incidents, people: children } });
  return row;
}
