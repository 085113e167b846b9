import { randomUUID } from 'node:crypto';
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
import { submitReferralBody, type PartnerAgencyView, type ReferralNoticeView, type ReferralView, type SubmitReferralBody } from '@harbor/policy/api';
import { and, eq } from 'drizzle-orm';
import type { AuthUser } from '../access/index.js';
import type { AuditEntry } from '../audit/index.js';
import type { Config } from '../config.js';
import type { UnitDb, UserRepository } from '../data/index.js';
import { cases, offices, referralNotices, referrals } from '../db/schema.js';
import { partnerDirectory, type PartnerDirectory } from '../directory/index.js';
import { latestDocument, renderPdf, storeDocuments, type NewDocument } from '../documents/index.js';
import { HttpError, conflict } from '../http/errors.js';
import { raiseObligations } from '../obligations/index.js';
import { enqueueEmails, mailQueued, type NewEmail } from '../outbox/index.js';
import { recordChildren } from './children.js';
import { obligationContext } from './duties.js';
import { draftConflictMessage, recordType, summary, viewOf, draftOf, type RecordContext, type Row } from './service.js';

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

/** How a submission writes its own audit rows: `u.audit` of the caller's unit (or the older `audit` of `audited`). */
export type AuditSink = (entry: AuditEntry) => void | Promise<void>;

export interface Sender {
  tx: UnitDb;
  user: AuthUser;
  referralId: string;
  ctx: SubmitContext;
}

/** The e-mail of one notice: `pdf` is stored for this party alone (a DCF-737); `document` names one already stored for every recipient (a DCF-823 version). */
export interface NoticeMail {
  subject: string;
  body: string;
  form: string;
  number: string;
  keyPart?: string;
  pdf?: Uint8Array;
  document?: { id: string; attach: boolean };
}

/** One notice to record: the rule's notice, the directory entry it goes to, and for an e-mailed one its mail. */
export interface PlannedNotice {
  notice: Pick<RequiredNotice, 'key' | 'party' | 'immediate'> & { means: string };
  to: PartnerAgencyView;
  mail?: NoticeMail;
}

/**
 * Notices of a referral, each a row, and for an e-mailed one a message in the outbox, written in
 * three statements whatever their number (issue 11): one insert of the documents, one of the
 * outbox messages, one of the notice rows. Answers the notices as the referral's view shows them,
 * built from what was written (nothing is read back).
 */
export async function recordNotices(s: Sender, planned: readonly PlannedNotice[]): Promise<ReferralNoticeView[]> {
  if (planned.length === 0) return [];
  const now = s.ctx.clock.now();
  const docs: { at: number; doc: NewDocument }[] = [];
  planned.forEach((p, at) => {
    if (p.mail?.pdf) docs.push({ at, doc: { kind: p.mail.form, recordType, recordId: s.referralId, fileName: `${p.mail.form} ${p.mail.number} ${p.to.code}.pdf`, bytes: p.mail.pdf, createdBy: s.user.id } });
  });
  const storedIds = await storeDocuments(s.tx, s.ctx.vault, docs.map((d) => d.doc));
  const documentOf = new Map(docs.map((d, i) => [d.at, storedIds[i]!]));
  const emails: { at: number; email: NewEmail }[] = [];
  const documentIds = planned.map((p, at) => documentOf.get(at) ?? p.mail?.document?.id ?? null);
  planned.forEach((p, at) => {
    if (!p.mail) return;
    const documentId = documentIds[at] ?? null;
    const attach = p.mail.pdf !== undefined || p.mail.document?.attach === true;
    emails.push({
      at,
      email: {
        idempotencyKey: `referral:${s.referralId}:${p.mail.keyPart ?? p.mail.form.toLowerCase().replace('-', '')}:${p.notice.party}`,
        toAddress: p.to.email,
        toName: p.to.name,
        partyKind: p.notice.party,
        partyRef: p.to.code,
        subject: p.mail.subject,
        bodyText: p.mail.body,
        attachmentDocumentIds: attach && documentId ? [documentId] : [],
        recordType,
        recordId: s.referralId,
      },
    });
  });
  // The attachments are the documents stored just above (or the DCF-823 stored by the caller in this transaction).
  const queued = await enqueueEmails(s.tx, emails.map((e) => e.email), { config: s.ctx.config, now }, { attachmentsStoredHere: true });
  const queuedOf = new Map(emails.map((e, i) => [e.at, queued[i]!]));
  const rows = planned.map((p, at) => ({
    id: randomUUID(),
    referralId: s.referralId,
    key: p.notice.key,
    party: p.notice.party,
    means: p.notice.means,
    immediate: p.notice.immediate,
    partnerAgencyId: p.to.id,
    outboxMessageId: queuedOf.get(at)?.id ?? null,
    documentId: documentIds[at] ?? null,
    createdAt: now,
  }));
  await s.tx.insert(referralNotices).values(rows);
  return rows.map((r, at) => ({
    id: r.id,
    key: r.key,
    party: r.party,
    means: r.means as ReferralNoticeView['means'],
    immediate: r.immediate,
    partnerAgencyId: r.partnerAgencyId,
    partnerName: planned[at]!.to.name,
    outboxMessageId: r.outboxMessageId,
    status: queuedOf.get(at)?.status ?? 'awaiting_entry',
    phoneCall: null,
  }));
}

/** One notice (recordNotices of one). */
export async function recordNotice(s: Sender, notice: PlannedNotice['notice'], to: PartnerAgencyView, mail?: NoticeMail): Promise<void> {
  await recordNotices(s, [{ notice, to, ...(mail ? { mail } : {}) }]);
}

/**
 * CL-5, IN-4: the referral's Critical Incident (DCF-823) for one triggering event, by the rule of
 * `criticalIncidentStep`: the first trigger stores version 1 and mails it to each configured
 * recipient; a later one stores the next version (the earlier kept) and mails each recipient a
 * short note of the update, without the document. Answers how many recipients were told.
 * `firstVersion`: the caller knows no DCF-823 is stored yet (a referral being submitted), so the
 * current version is not looked up. `directory`: the partner directory the caller already took in
 * this transaction (a submission resolves its DCF-737s from it), so its version is checked once.
 */
export async function sendCriticalIncident(
  s: Sender,
  townName: string,
  stage: CriticalIncidentStage,
  incident: { pdf: Uint8Array; number: string },
  opts: { firstVersion?: boolean; directory?: PartnerDirectory } = {},
): Promise<{ notices: number; version: number; views: ReferralNoticeView[] }> {
  const current = opts.firstVersion ? null : await latestDocument(s.tx, recordType, s.referralId, 'DCF-823');
  const step = criticalIncidentStep({ currentVersion: current?.version ?? null });
  const trigger = criticalIncidentTriggers[stage];
  const [documentId] = await storeDocuments(s.tx, s.ctx.vault, [
    {
      kind: 'DCF-823',
      recordType,
      recordId: s.referralId,
      fileName: `DCF-823 ${incident.number} v${step.version} ${trigger.label}.pdf`,
      bytes: incident.pdf,
      createdBy: s.user.id,
      ...(step.action === 'update' && current ? { previous: current } : {}),
    },
  ]);
  const keyPart = { report: 'dcf823', accepted: 'dcf823-accepted', ht_found: 'dcf823-ht-found' }[stage];
  const mail =
    step.action === 'create'
      ? {
          subject: `DCF-823 Critical Incident, referral ${incident.number}: ${trigger.label}`,
          body: `An Exceptional Circumstance - Critical Incident (DCF-823) for referral ${incident.number} is attached (${trigger.label}).`,
          document: { id: documentId!, attach: true },
        }
      : {
          subject: `Critical Incident updated, referral ${incident.number}: ${trigger.label}`,
          body: `The Critical Incident (DCF-823) of referral ${incident.number} was updated to version ${step.version}: ${trigger.label}.\nThe document was sent to you once, with version 1; it is not attached again. Read the current version in Harbor.`,
          document: { id: documentId!, attach: false },
        };
  const notices = criticalIncidentNotices({ townName, recipients: s.ctx.config.criticalIncidentRecipients, stage });
  const directory = opts.directory ?? (await partnerDirectory(s.tx));
  const views = await recordNotices(
    s,
    notices.map((n) => ({ notice: n, to: directory.resolve(n), mail: { ...mail, form: 'DCF-823', number: incident.number, keyPart } })),
  );
  return { notices: notices.length, version: step.version, views };
}

/** Where a referral comes from (CL-4, OG-3, IN-4), with the number of the record it came from. */
export async function originOf(tx: UnitDb, row: Row): Promise<{ kind: ReferralOrigin; number: string | null; allegation: number | null }> {
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

/**
 * Everything a submission decides from the draft alone, before its transaction: the draft checked
 * in full, the notices it warrants, and the DCF-737 and DCF-823 rendered (the slow part: a PDF
 * each, tens of milliseconds) while no lock is held and no transaction is open. Made from the
 * draft at one version; the transaction submits only that version.
 */
export interface PreparedSubmission {
  /** The draft version this was made from. */
  version: number;
  /** The draft as stored (the view shows it). */
  draft: Record<string, unknown>;
  referral: SubmitReferralBody;
  townName: string;
  ht: ReturnType<typeof referralHtCharacteristics>;
  origin: Awaited<ReturnType<typeof originOf>>;
  warrant: ReturnType<typeof referralNoticesWarranted>;
  notices: RequiredNotice[];
  worker: { name: string; callbackPhone: string };
  dcf737: Uint8Array | null;
  incident: { reason: string | null; pdf: Uint8Array } | null;
  now: Date;
}

/** Checks the draft and renders its documents (no writes; `tx` only reads the origin's number and the office's phone). */
export async function prepareSubmission(tx: UnitDb, ctx: SubmitContext, user: AuthUser, current: Row): Promise<PreparedSubmission> {
  const draft = draftOf(ctx.vault, current);
  const referral = validate(draft);
  const townName = noticeTown(referral);
  if (!townName) throw new HttpError(400, 'validation', 'children.0.townName: Give a Connecticut town for the child or the place, so the local police can be told', [{ field: 'children.0.townName', message: 'Give a Connecticut town for the child or a place of the events' }]);
  const ht = referralHtCharacteristics(referral.children); // CL-1
  const now = ctx.clock.now();
  const [office] = await tx.select({ phone: offices.phone }).from(offices).where(eq(offices.id, user.officeId));
  const worker = { name: user.displayName, callbackPhone: office?.phone ?? carelineCallbackPhone };
  // CL-4: the DCF-737s and the police phone call only for an HT referral, and once per allegation (OG-3's referral: the case sent them).
  const origin = await originOf(tx, current);
  const warrant = referralNoticesWarranted({ htCharacteristics: ht.flagged, origin: origin.kind });
  const notices = warrant.required ? requiredNotices({ context: 'careline', townName }) : [];
  const number = current.number;
  const dcf737 = warrant.required
    ? await renderPdf(dcf737Content({ referralNumber: number, receivedAt: referral.receivedAt, townName, children: referral.children, reporter: referral.reporter, worker }), { date: now })
    : null;
  // CL-5, IN-4: the Critical Incident when trafficking is evident at the report, or, for IN-4's referral, named for HT found in the investigation.
  const htFound = origin.kind === 'investigation';
  const required = criticalIncidentRequired({ accepted: null, htEvident: ht.evident, htCharacteristics: ht.flagged, htFoundInInvestigation: htFound });
  const incident = required.required
    ? {
        reason: required.reason ?? null,
        pdf: await renderPdf(
          dcf823Content({
            referralNumber: number,
            receivedAt: referral.receivedAt,
            townName,
            reason: required.reason ?? '',
            decision: null,
            children: referral.children,
            exploiters: referral.exploiters,
            places: referral.places,
            noticesSent: dcf737sSent(origin, warrant.required, townName),
            incidentSummary: htFound
              ? `Human trafficking was first identified during the investigation of referral ${origin.number ?? ''}. This Careline referral, ${number}, was made with the human-trafficking category; its notices went out on submission.`
              : `Human trafficking was evident when the report was made: ${ht.reasons.join('; ')}. The full report is in Harbor under referral ${number}.`,
            worker,
          }),
          { date: now },
        ),
      }
    : null;
  return { version: current.version, draft, referral, townName, ht, origin, warrant, notices, worker, dcf737, incident, now };
}

/**
 * POST /api/referrals/:id/submit. Lean (issue 11): the draft is read within the caller's reach
 * and its documents rendered before the transaction; the transaction then locks the referral
 * (`u.get(..., { lock: true })`, the caller's scope), refuses if the draft changed since it was
 * read (the draft conflict message: nothing of the other save is overwritten), and writes the
 * submission in a few multi-row statements. The answer is built from what was read and written.
 * After the commit, the delivery worker is woken so the DCF-737s go out at once.
 *
 * A retried submit with the same key answers the first submission and creates nothing; the retry
 * is looked up through the same scope, so another caller who does not reach the referral gets
 * "not found", never the first caller's result.
 */
export async function submitReferral(repo: UserRepository, ctx: SubmitContext, id: string, version: number, key: string | null): Promise<ReferralView> {
  const user = repo.user;
  // Before the transaction: read the draft within reach (no lock, no audit row of its own: the
  // submission's row names the referral) and render. A referral no longer a draft goes straight
  // to the transaction (a retry, or the conflict).
  const prepared = await repo.unit(async (u) => {
    const [draft] = await u.db.select().from(referrals).where(and(eq(referrals.id, id), u.scope('referral'))).limit(1);
    if (!draft || draft.status !== 'draft') return null;
    if (draft.version !== version) throw conflict(draftConflictMessage);
    return prepareSubmission(u.db, ctx, user, draft);
  });
  const result = await repo.unit(async (u) => {
    const current = await u.get('referral', id, { lock: true });
    if (current.status !== 'draft') {
      // A retried request (same key), found within the caller's reach: the first submission's answer, nothing made twice.
      if (key !== null && current.idempotencyKey === key) return { view: await viewOf(u.db, ctx.vault, current), queued: false };
      throw conflict('This referral has already been submitted.');
    }
    // The draft changed between the read above and this lock: what was rendered is not what would be submitted.
    if (current.version !== version || !prepared || prepared.version !== current.version) throw conflict(draftConflictMessage);
    const done = await submitDraft(u.db, ctx, user, (e) => u.audit(e), current, key, prepared);
    return { view: { ...summary(done.row, ctx.vault), assignedOfficeName: null, investigatorName: null, supervisorNote: null, supervisorNoteAt: null, draft: done.draft, notices: done.notices, origin: done.originView } satisfies ReferralView, queued: done.mailed };
  });
  // After the commit: the DCF-737s go out now, not at the next poll.
  if (result.queued) mailQueued();
  return result.view;
}

/**
 * The submission itself, in the caller's transaction, of a draft the caller has found within the
 * user's reach and locked: checked in full, marked submitted, children recorded, every notice
 * queued, the DCF-823 when trafficking is evident. Also used by IN-4 and OG-3, whose new
 * referrals are submitted in the same transaction as the action that makes them (they render in
 * it; the caller wakes the delivery worker after its commit with `mailQueued()`).
 */
export async function submitDraftRow(tx: UnitDb, ctx: SubmitContext, user: AuthUser, audit: AuditSink, current: Row, key: string | null): Promise<Row> {
  return (await submitDraft(tx, ctx, user, audit, current, key, await prepareSubmission(tx, ctx, user, current))).row;
}

async function submitDraft(
  tx: UnitDb,
  ctx: SubmitContext,
  user: AuthUser,
  audit: AuditSink,
  current: Row,
  key: string | null,
  p: PreparedSubmission,
): Promise<{ row: Row; draft: Record<string, unknown>; notices: ReferralNoticeView[]; originView: ReferralView['origin']; mailed: boolean }> {
  const id = current.id;
  const { referral, townName, ht, origin, warrant, notices, now } = p;
  const set = { status: 'submitted', receivedAt: new Date(referral.receivedAt), channel: referral.channel, htCharacteristics: ht.flagged, htEvident: ht.evident, townName, submittedAt: now, submittedBy: user.id, idempotencyKey: key, updatedAt: now, version: current.version + 1 };
  await tx.update(referrals).set(set).where(eq(referrals.id, id));
  // The row as written: what was locked, with what was set (not read back).
  const row: Row = { ...current, ...set };
  const children = await recordChildren(tx, { referralId: id, userId: user.id, now, audit: async (e) => audit(e), vault: ctx.vault }, referral.children);

  const s: Sender = { tx, user, referralId: id, ctx };
  const directory = await partnerDirectory(tx);
  const body = `A DCF-737 Notification of Suspected Child Trafficking for referral ${row.number} is attached.\nFor more, call ${p.worker.name} at ${p.worker.callbackPhone}.`;
  const views = await recordNotices(
    s,
    notices.map((n) => ({
      notice: n,
      to: directory.resolve(n),
      ...(n.means === 'phone' || !p.dcf737 ? {} : { mail: { subject: `DCF-737 notice, referral ${row.number}`, body, pdf: p.dcf737, form: 'DCF-737', number: row.number } }),
    })),
  );
  // CL-4: the immediate phone call to local police is a duty (due at once, escalated like every
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
  // CL-5, IN-4: the Critical Incident (rendered in prepareSubmission); a draft has none stored yet.
  let incidents = 0;
  if (p.incident) {
    const sent = await sendCriticalIncident(s, townName, byInvestigation ? 'ht_found' : 'report', { pdf: p.incident.pdf, number: row.number }, { firstVersion: true, directory });
    incidents = sent.notices;
    views.push(...sent.views);
  }
  await audit({ action: 'referral.submit', recordType, recordId: id, detail: { number: row.number, htCharacteristics: ht.flagged, htEvident: ht.evident, origin: origin.kind, noticesWarranted: warrant.required, notices: notices.length + incidents, people: children } });
  // The referral view's notices, in its order (created together: by key).
  views.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const originView: ReferralView['origin'] =
    current.originId && (current.originType === 'case' || current.originType === 'referral')
      ? { type: current.originType, id: current.originId, number: origin.number, allegation: current.originType === 'case' ? current.originAllegation : null }
      : null;
  return { row, draft: p.draft, notices: views, originView, mailed: views.some((v) => v.outboxMessageId !== null) };
}
