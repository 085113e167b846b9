import { referralNumber, referralHtCharacteristics, type ReferralStatus, type TriageOutcome } from '@harbor/policy';
import type { ReferralDraft, ReferralListQuery, ReferralNoticeView, ReferralSummaryView, ReferralView, UpdateReferralDraftBody } from '@harbor/policy/api';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { draftScope, type Actor, type AuthUser } from '../access/index.js';
import { audited, type Audit } from '../audit/index.js';
import type { Vault } from '../crypto/index.js';
import { queryRows, type Db, type DbOrTx, type Tx } from '../db/client.js';
import { cases, offices, outboxMessages, partnerAgencies, referralNotices, referrals, towns, users } from '../db/schema.js';
import { conflict, notFound } from '../http/errors.js';
import { decisionExplanationAt, openPoliceContact, openPriority, openText, triageReasonAt } from './sealed-fields.js';
import type { Clock } from '../http/types.js';

/**
 * Careline referrals (issue 3): drafts saved as the worker types, read only within the caller's
 * reach (a draft only by its author), every read and write audited in the same transaction.
 */
export const recordType = 'referral';
export const draftConflictMessage =
  'Someone else saved this draft since you opened it. Nothing of yours was saved over theirs: reload to see their change, then make yours again.';

export type Row = typeof referrals.$inferSelect;

/** What every referral command needs: the time, and the vault that seals the draft. */
export interface RecordContext {
  clock: Clock;
  vault: Vault;
  /** The agency's time zone (HARBOR_TIMEZONE), for the duties a command raises; America/New_York when absent. */
  timeZone?: string;
}

/** The draft (narrative, reporter, children, exploiters) is stored sealed, bound to its referral. */
const draftAt = (id: string) => ({ table: 'referrals', column: 'draft', rowId: id });
export const sealDraft = (vault: Vault, id: string, draft: ReferralDraft): string => vault.sealJson(draft, draftAt(id));
export const draftOf = (vault: Vault, row: Row): Record<string, unknown> => vault.openJson<Record<string, unknown>>(row.draftSealed, draftAt(row.id));

export function requireUser(actor: Actor): AuthUser {
  if (!actor.user) throw notFound('referral');
  return actor.user;
}

export const inScope = (user: AuthUser) =>
  draftScope(user, { officeId: referrals.officeId, recordId: referrals.id, status: referrals.status, createdBy: referrals.createdBy }, recordType);

/** A referral's summary; its free-text reasons are sealed at rest (CF-1) and opened here. */
export const summary = (r: Row, vault: Vault): ReferralSummaryView => ({
  id: r.id,
  number: r.number,
  status: r.status as ReferralStatus,
  receivedAt: r.receivedAt?.toISOString() ?? null,
  channel: (r.channel as ReferralSummaryView['channel']) ?? null,
  htCharacteristics: r.htCharacteristics,
  htEvident: r.htEvident,
  townName: r.townName,
  createdBy: r.createdBy,
  submittedAt: r.submittedAt?.toISOString() ?? null,
  decision: (r.decision as ReferralSummaryView['decision']) ?? null,
  nonAcceptanceReason: r.nonAcceptanceReason,
  decisionExplanation: openText(vault, r.decisionExplanationSealed, decisionExplanationAt(r.id)),
  decidedAt: r.decidedAt?.toISOString() ?? null,
  responsePriority: openPriority(vault, r),
  responseDueAt: r.responseDueAt?.toISOString() ?? null,
  assignedOfficeCode: r.assignedOfficeCode,
  investigatorId: r.investigatorId,
  triage:
    r.triagedAt && r.triagedBy
      ? { outcomes: (r.triageOutcomes ?? []) as TriageOutcome[], reason: openText(vault, r.triageReasonSealed, triageReasonAt(r.id)), triagedBy: r.triagedBy, triagedAt: r.triagedAt.toISOString() }
      : null,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function noticesOf(tx: DbOrTx, vault: Vault, referralId: string): Promise<ReferralNoticeView[]> {
  const rows = await tx
    .select({
      id: referralNotices.id,
      key: referralNotices.key,
      party: referralNotices.party,
      means: referralNotices.means,
      immediate: referralNotices.immediate,
      partnerAgencyId: referralNotices.partnerAgencyId,
      partnerName: partnerAgencies.name,
      outboxMessageId: referralNotices.outboxMessageId,
      outboxStatus: outboxMessages.status,
      calledAt: referralNotices.calledAt,
      policeContactSealed: referralNotices.policeContactSealed,
    })
    .from(referralNotices)
    .innerJoin(partnerAgencies, eq(partnerAgencies.id, referralNotices.partnerAgencyId))
    .leftJoin(outboxMessages, eq(outboxMessages.id, referralNotices.outboxMessageId))
    .where(eq(referralNotices.referralId, referralId))
    .orderBy(asc(referralNotices.createdAt), asc(referralNotices.key));
  return rows.map(({ outboxStatus, calledAt, policeContactSealed, ...n }) => {
    const contact = openPoliceContact(vault, n.id, policeContactSealed);
    return {
    ...n,
    party: n.party as ReferralNoticeView['party'],
    means: n.means as ReferralNoticeView['means'],
    status: outboxStatus ?? (calledAt ? 'recorded' : 'awaiting_entry'),
    phoneCall: calledAt ? { calledAt: calledAt.toISOString(), officerName: contact?.officerName ?? '', badgeNumber: contact?.badgeNumber ?? null, policeCaseNumber: contact?.policeCaseNumber ?? null } : null,
    };
  });
}

export async function findInScope(tx: DbOrTx, user: AuthUser, id: string, lock = false): Promise<Row | null> {
  const q = tx.select().from(referrals).where(and(eq(referrals.id, id), inScope(user))).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Where the supervisor's note is sealed: it may tell about the child (CL-2). */
export const supervisorNoteAt = (id: string) => ({ table: 'referrals', column: 'supervisor_note', rowId: id });

/** IN-4, OG-3: where the referral came from, with the number people know it by. */
async function originView(tx: DbOrTx, row: Row): Promise<ReferralView['origin']> {
  if (!row.originId || (row.originType !== 'case' && row.originType !== 'referral')) return null;
  const table = row.originType === 'case' ? cases : referrals;
  const [found] = await tx.select({ number: table.number }).from(table).where(eq(table.id, row.originId));
  return { type: row.originType, id: row.originId, number: found?.number ?? null, allegation: row.originType === 'case' ? row.originAllegation : null };
}

export async function viewOf(tx: DbOrTx, vault: Vault, row: Row): Promise<ReferralView> {
  const [office] = row.assignedOfficeCode ? await tx.select({ name: offices.name }).from(offices).where(eq(offices.code, row.assignedOfficeCode)) : [];
  const [investigator] = row.investigatorId ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, row.investigatorId)) : [];
  return {
    ...summary(row, vault),
    assignedOfficeName: office?.name ?? null,
    investigatorName: investigator?.name ?? null,
    supervisorNote: row.supervisorNoteSealed ? vault.open(row.supervisorNoteSealed, supervisorNoteAt(row.id)) : null,
    supervisorNoteAt: row.supervisorNoteAt?.toISOString() ?? null,
    draft: draftOf(vault, row),
    notices: await noticesOf(tx, vault, row.id),
    origin: await originView(tx, row),
  };
}

/** What the draft says about the columns kept beside it (CL-1 flag, received at, channel). */
function derived(draft: ReferralDraft) {
  const ht = referralHtCharacteristics(draft.children ?? []);
  return {
    receivedAt: draft.receivedAt ? new Date(draft.receivedAt) : null,
    channel: draft.channel ?? null,
    htCharacteristics: ht.flagged,
    htEvident: ht.evident,
  };
}

/**
 * The area office of a Connecticut town (`towns.area_office_code`): the office an accepted
 * referral's investigation duties belong to. Null for an unknown town.
 */
export async function areaOfficeIdOf(tx: DbOrTx, townName: string | null): Promise<string | null> {
  if (!townName) return null;
  const [row] = await tx.select({ id: offices.id }).from(towns).innerJoin(offices, eq(offices.code, towns.areaOfficeCode)).where(eq(towns.name, townName)).limit(1);
  return row?.id ?? null;
}

/** Where a new draft comes from: a worker, a police arrest report (CL-8), an investigation (IN-4) or an open case (OG-3). */
export type DraftSource = 'worker' | 'arrest_report' | 'investigation' | 'open_case';

/**
 * Inserts a draft in the caller's transaction: numbered, sealed, filed with `options.officeId`
 * (default the author's office; IN-4 and OG-3 file theirs with the Careline) and assigned to its
 * author, so the author keeps reach once it is submitted. `options.origin`: the investigation or
 * open case (and which allegation of it) whose new HT allegation it reports.
 */
export async function insertDraft(
  tx: Tx,
  { clock, vault }: RecordContext,
  user: AuthUser,
  audit: Audit,
  draft: ReferralDraft,
  source: DraftSource,
  options: { origin?: { type: 'referral' | 'case'; id: string; allegation?: number }; officeId?: string } = {},
): Promise<Row> {
  const { origin } = options;
  const now = clock.now();
  const [seq] = await queryRows<{ n: string | number }>(tx, sql`select nextval('referral_number_seq') as n`);
  const number = referralNumber(now.getUTCFullYear(), Number(seq?.n));
  const id = crypto.randomUUID();
  const [row] = await tx
    .insert(referrals)
    .values({
      id,
      number,
      status: 'draft',
      draftSealed: sealDraft(vault, id, draft),
      ...derived(draft),
      officeId: options.officeId ?? user.officeId,
      createdBy: user.id,
      ...(origin ? { originType: origin.type, originId: origin.id, originAllegation: origin.allegation ?? null } : {}),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  // The author is assigned, so a Careline worker (assigned reach) keeps the referral once submitted.
  await tx.execute(sql`insert into assignments (record_type, record_id, user_id) values (${recordType}, ${row.id}, ${user.id})`);
  await audit({ action: 'referral.create', recordType, recordId: row.id, detail: { number, source, ...(origin ? { originType: origin.type, originId: origin.id, originAllegation: origin.allegation ?? null } : {}) } });
  return row;
}

/** Starts a draft; `source` says what it was made from (CL-8: a police arrest report), for the audit trail. */
export async function createDraft(db: Db, ctx: RecordContext, actor: Actor, draft: ReferralDraft, source: 'worker' | 'arrest_report' = 'worker'): Promise<ReferralView> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => viewOf(tx, ctx.vault, await insertDraft(tx, ctx, user, audit, draft, source)));
}

export async function updateDraft(db: Db, { clock, vault }: RecordContext, actor: Actor, id: string, body: UpdateReferralDraftBody): Promise<ReferralView> {
  const user = requireUser(actor);
  const { version, ...draft } = body;
  const result = await audited(db, actor, async (tx, audit) => {
    const current = await findInScope(tx, user, id, true);
    if (!current) return null;
    if (current.status !== 'draft') throw conflict('This referral has been submitted; its draft can no longer be changed.');
    const [row] = await tx
      .update(referrals)
      .set({ draftSealed: sealDraft(vault, id, draft), ...derived(draft), updatedAt: clock.now(), version: sql`${referrals.version} + 1` })
      .where(and(eq(referrals.id, id), eq(referrals.version, version)))
      .returning();
    if (!row) throw conflict(draftConflictMessage);
    await audit({ action: 'referral.update', recordType, recordId: id, detail: { fields: Object.keys(draft) } });
    return viewOf(tx, vault, row);
  });
  if (!result) throw notFound('referral');
  return result;
}

export async function readReferral(db: Db, vault: Vault, actor: Actor, id: string): Promise<ReferralView> {
  const user = requireUser(actor);
  const view = await audited(db, actor, async (tx, audit) => {
    const row = await findInScope(tx, user, id);
    if (!row) return null;
    await audit({ action: 'referral.read', recordType, recordId: id });
    return viewOf(tx, vault, row);
  });
  if (!view) throw notFound('referral');
  return view;
}

export async function listReferrals(db: Db, vault: Vault, actor: Actor, query: ReferralListQuery): Promise<ReferralSummaryView[]> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const rows = await tx
      .select()
      .from(referrals)
      .where(and(inScope(user), query.status ? eq(referrals.status, query.status) : undefined))
      .orderBy(desc(referrals.updatedAt), desc(referrals.id))
      .limit(200);
    await audit({ action: 'referral.list', recordType, detail: { count: rows.length, status: query.status ?? null, ids: rows.map((r) => r.id) } });
    return rows.map((r) => summary(r, vault));
  });
}
