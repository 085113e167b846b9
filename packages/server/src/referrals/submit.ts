import {
  carelineCallbackPhone,
  criticalIncidentNotices,
  criticalIncidentRequired,
  dcf737Content,
  dcf823Content,
  noticeTown,
  referralHtCharacteristics,
  requiredNotices,
  type CriticalIncidentStage,
  type RequiredNotice,
} from '@harbor/policy';
import { submitReferralBody, type PartnerAgencyView, type ReferralView, type SubmitReferralBody } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import type { Actor, AuthUser } from '../access/index.js';
import { audited, type Audit } from '../audit/index.js';
import type { Config } from '../config.js';
import type { Db, Tx } from '../db/client.js';
import { offices, referralNotices, referrals } from '../db/schema.js';
import { resolveParty } from '../directory/index.js';
import { renderPdf, storeDocument } from '../documents/index.js';
import { HttpError, conflict, notFound } from '../http/errors.js';
import { enqueueEmail } from '../outbox/index.js';
import { recordChildren } from './children.js';
import { draftConflictMessage, findInScope, recordType, requireUser, viewOf, draftOf, type RecordContext, type Row } from './service.js';

/**
 * Submitting a referral (CL-1, CL-3, CL-4, CL-5), in one transaction: the draft is checked in full
 * (errors name the field; the draft is kept), the referral is marked submitted with its HT flag,
 * every required party gets its DCF-737 (a stored PDF and one e-mail in the outbox), local law
 * enforcement's immediate phone call awaits the worker's record of it, and when trafficking is
 * evident the DCF-823 goes to the HART Director. Nothing is sent here: the outbox delivers after
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

export async function recordNotice(
  s: Sender,
  notice: Pick<RequiredNotice, 'key' | 'party' | 'immediate'> & { means: string },
  to: PartnerAgencyView,
  mail?: { subject: string; body: string; pdf: Uint8Array; form: string; number: string; keyPart?: string },
) {
  let outboxMessageId: string | null = null;
  let documentId: string | null = null;
  if (mail) {
    documentId = await storeDocument(s.tx, s.ctx.vault, { kind: mail.form, recordType, recordId: s.referralId, fileName: `${mail.form} ${mail.number} ${to.code}.pdf`, bytes: mail.pdf, createdBy: s.user.id });
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
        attachmentDocumentIds: [documentId],
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

/** CL-5, IN-4: the Critical Incident (DCF-823) to each configured recipient; answers how many were queued. */
export async function sendCriticalIncident(
  s: Sender,
  townName: string,
  stage: CriticalIncidentStage,
  mail: { subject: string; body: string; pdf: Uint8Array; form: string; number: string },
): Promise<number> {
  const notices = criticalIncidentNotices({ townName, recipients: s.ctx.config.criticalIncidentRecipients, stage });
  for (const n of notices) {
    const to = await resolveParty(s.tx, n);
    await recordNotice(s, n, to, { ...mail, keyPart: { report: 'dcf823', accepted: 'dcf823-accepted', ht_found: 'dcf823-ht-found' }[stage] });
  }
  return notices.length;
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
  const notices = requiredNotices({ context: 'careline', townName }); // CL-4
  const dcf737 = await renderPdf(dcf737Content({ referralNumber: row.number, receivedAt: referral.receivedAt, townName, children: referral.children, reporter: referral.reporter, worker }), { date: now });
  for (const n of notices) {
    const to = await resolveParty(tx, n);
    if (n.means === 'phone') await recordNotice(s, n, to);
    else {
      const body = `A DCF-737 Notification of Suspected Child Trafficking for referral ${row.number} is attached.\nFor more, call ${worker.name} at ${worker.callbackPhone}.`;
      await recordNotice(s, n, to, { subject: `DCF-737 notice, referral ${row.number}`, body, pdf: dcf737, form: 'DCF-737', number: row.number });
    }
  }
  const incident = criticalIncidentRequired({ accepted: null, htEvident: ht.evident }); // CL-5
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
        noticesSent: notices.filter((n) => n.means === 'dcf737').map((n) => n.description),
        incidentSummary: `Human trafficking was evident when the report was made: ${ht.reasons.join('; ')}. The full report is in Harbor under referral ${row.number}.`,
        worker,
      }),
      { date: now },
    );
    const body = `An Exceptional Circumstance - Critical Incident (DCF-823) for referral ${row.number} is attached.`;
    incidents = await sendCriticalIncident(s, townName, 'report', { subject: `DCF-823 Critical Incident, referral ${row.number}`, body, pdf, form: 'DCF-823', number: row.number });
  }
  await audit({ action: 'referral.submit', recordType, recordId: id, detail: { number: row.number, htCharacteristics: ht.flagged, htEvident: ht.evident, notices: notices.length + incidents, people: children } });
  return row;
}
