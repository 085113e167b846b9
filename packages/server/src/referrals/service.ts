import { referralNumber, referralHtCharacteristics, type ReferralStatus, type TriageOutcome } from '@harbor/policy';
import type { Page, ReferralDraft, ReferralListQuery, ReferralNoticeView, ReferralSummaryView, ReferralView, UpdateReferralDraftBody } from '@harbor/policy/api';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { scopeFor, type Actor, type AuthUser } from '../access/index.js';
import type { AuditEntry } from '../audit/index.js';
import type { Vault } from '../crypto/index.js';
import { afterCursor, orderOf, pageFrom, sortKey, type SortKey, type UnitDb, type UserRepository } from '../data/index.js';
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

/** Rows of a raw statement in the unit's transaction (both drivers answer `{ rows }`). */
export async function rowsOf<T>(tx: UnitDb, query: SQL): Promise<T[]> {
  const result: unknown = await tx.execute(query);
  return (result as { rows: T[] }).rows;
}

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

/** @deprecated Only submit.ts (being moved onto the data layer) still uses it; services take a UserRepository. */
export function requireUser(actor: Actor): AuthUser {
  if (!actor.user) throw notFound('referral');
  return actor.user;
}

/** The referrals the user reaches (access/scope.ts). */
export const inScope = (user: AuthUser): SQL => scopeFor(user, 'referral');

/**
 * What a list shows of a referral (issue 11): its summary columns, never the sealed draft or
 * the supervisor's note.
 */
export const summaryColumns = {
  id: referrals.id,
  number: referrals.number,
  status: referrals.status,
  receivedAt: referrals.receivedAt,
  channel: referrals.channel,
  htCharacteristics: referrals.htCharacteristics,
  htEvident: referrals.htEvident,
  townName: referrals.townName,
  createdBy: referrals.createdBy,
  submittedAt: referrals.submittedAt,
  decision: referrals.decision,
  nonAcceptanceReason: referrals.nonAcceptanceReason,
  decisionExplanationSealed: referrals.decisionExplanationSealed,
  decidedAt: referrals.decidedAt,
  responsePriority: referrals.responsePriority,
  priorityOverrideReasonSealed: referrals.priorityOverrideReasonSealed,
  responseDueAt: referrals.responseDueAt,
  assignedOfficeCode: referrals.assignedOfficeCode,
  investigatorId: referrals.investigatorId,
  triageOutcomes: referrals.triageOutcomes,
  triageReasonSealed: referrals.triageReasonSealed,
  triagedBy: referrals.triagedBy,
  triagedAt: referrals.triagedAt,
  version: referrals.version,
  createdAt: referrals.createdAt,
  updatedAt: referrals.updatedAt,
};
export type SummaryRow = Pick<Row, keyof typeof summaryColumns>;

/** A referral's summary; its free-text reasons are sealed at rest (CF-1) and opened here. */
export const summary = (r: SummaryRow, vault: Vault): ReferralSummaryView => ({
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

export async function noticesOf(tx: UnitDb, vault: Vault, referralId: string): Promise<ReferralNoticeView[]> {
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

/**
 * A referral within the user's reach, or null (for submit.ts; the services of this folder use
 * `u.find('referral', ...)`, which also audits the read).
 */
export async function findInScope(tx: UnitDb, user: AuthUser, id: string, lock = false): Promise<Row | null> {
  const q = tx.select().from(referrals).where(and(eq(referrals.id, id), inScope(user))).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Where the supervisor's note is sealed: it may tell about the child (CL-2). */
export const supervisorNoteAt = (id: string) => ({ table: 'referrals', column: 'supervisor_note', rowId: id });

/** IN-4, OG-3: where the referral came from, with the number people know it by. */
async function originView(tx: UnitDb, row: Row): Promise<ReferralView['origin']> {
  if (!row.originId || (row.originType !== 'case' && row.originType !== 'referral')) return null;
  const table = row.originType === 'case' ? cases : referrals;
  const [found] = await tx.select({ number: table.number }).from(table).where(eq(table.id, row.originId));
  return { type: row.originType, id: row.originId, number: found?.number ?? null, allegation: row.originType === 'case' ? row.originAllegation : null };
}

/**
 * The referral as the API shows it. Reads only what the row does not hold (names of the office
 * and investigator, the notices, the origin's number), and nothing a draft cannot have yet.
 */
export async function viewOf(tx: UnitDb, vault: Vault, row: Row): Promise<ReferralView> {
  const [office] = row.assignedOfficeCode ? await tx.select({ name: offices.name }).from(offices).where(eq(offices.code, row.assignedOfficeCode)) : [];
  const [investigator] = row.investigatorId ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, row.investigatorId)) : [];
  return {
    ...summary(row, vault),
    assignedOfficeName: office?.name ?? null,
    investigatorName: investigator?.name ?? null,
    supervisorNote: row.supervisorNoteSealed ? vault.open(row.supervisorNoteSealed, supervisorNoteAt(row.id)) : null,
    supervisorNoteAt: row.supervisorNoteAt?.toISOString() ?? null,
    draft: draftOf(vault, row),
    // A draft has no notices yet: they are made at submission (CL-4).
    notices: row.status === 'draft' ? [] : await noticesOf(tx, vault, row.id),
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
export async function areaOfficeIdOf(tx: Pick<UnitDb, 'select'>, townName: string | null): Promise<string | null> {
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
  tx: UnitDb,
  { clock, vault }: RecordContext,
  user: AuthUser,
  audit: (entry: AuditEntry) => void | Promise<void>,
  draft: ReferralDraft,
  source: DraftSource,
  options: { origin?: { type: 'referral' | 'case'; id: string; allegation?: number }; officeId?: string } = {},
): Promise<Row> {
  const { origin } = options;
  const now = clock.now();
  const [seq] = await rowsOf<{ n: string | number }>(tx, sql`select nextval('referral_number_seq') as n`);
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
export async function createDraft(repo: UserRepository, ctx: RecordContext, draft: ReferralDraft, source: 'worker' | 'arrest_report' = 'worker'): Promise<ReferralView> {
  return repo.unit(async (u) => viewOf(u.db, ctx.vault, await insertDraft(u.db, ctx, u.user, (e) => u.audit(e), draft, source)));
}

export async function updateDraft(repo: UserRepository, { clock, vault }: RecordContext, id: string, body: UpdateReferralDraftBody): Promise<ReferralView> {
  const { version, ...draft } = body;
  return repo.unit(async (u) => {
    const current = await u.get('referral', id, { lock: true });
    if (current.status !== 'draft') throw conflict('This referral has been submitted; its draft can no longer be changed.');
    const [row] = await u.db
      .update(referrals)
      .set({ draftSealed: sealDraft(vault, id, draft), ...derived(draft), updatedAt: clock.now(), version: sql`${referrals.version} + 1` })
      .where(and(eq(referrals.id, id), eq(referrals.version, version)))
      .returning();
    if (!row) throw conflict(draftConflictMessage);
    u.audit({ action: 'referral.update', recordType, recordId: id, detail: { fields: Object.keys(draft) } });
    return viewOf(u.db, vault, row);
  });
}

export async function readReferral(repo: UserRepository, vault: Vault, id: string): Promise<ReferralView> {
  // Out of scope and missing look the same ("not found"); the read is audited by the unit.
  return repo.unit(async (u) => viewOf(u.db, vault, await u.get('referral', id)));
}

/** The list's order, by `sort` and `dir`; the last key is always the id (indexes referrals_*_idx, migration 0014). */
const submittedOrder = sql`coalesce(${referrals.submittedAt}, ${referrals.createdAt})`;
function listKeys(q: Pick<ReferralListQuery, 'sort' | 'dir'>): SortKey<SummaryRow>[] {
  const first =
    q.sort === 'submittedAt'
      ? sortKey<SummaryRow>(submittedOrder, q.dir, 'date', (r) => r.submittedAt ?? r.createdAt)
      : q.sort === 'createdAt'
        ? sortKey<SummaryRow>(referrals.createdAt, q.dir, 'date', (r) => r.createdAt)
        : sortKey<SummaryRow>(referrals.updatedAt, q.dir, 'date', (r) => r.updatedAt);
  return [first, sortKey<SummaryRow>(referrals.id, q.dir, 'text', (r) => r.id)];
}

/** Referrals within the caller's reach, a page at a time, filtered by status and investigator, in the order asked. */
export async function listReferrals(repo: UserRepository, vault: Vault, q: ReferralListQuery): Promise<Page<ReferralSummaryView>> {
  return repo.unit(async (u) => {
    const keys = listKeys(q);
    const rows = await u.db
      .select(summaryColumns)
      .from(referrals)
      .where(
        and(
          u.scope('referral'),
          q.status ? eq(referrals.status, q.status) : undefined,
          q.investigatorId ? eq(referrals.investigatorId, q.investigatorId) : undefined,
          afterCursor(keys, q.cursor),
        ),
      )
      .orderBy(...orderOf(keys))
      .limit(q.limit + 1);
    const page = pageFrom(rows, q.limit, keys, (r) => summary(r, vault));
    u.audit({ action: 'referral.list', recordType, detail: { status: q.status ?? null, investigatorId: q.investigatorId ?? null, sort: q.sort, dir: q.dir } });
    u.shown('referral', page.items.map((r) => r.id));
    return page;
  });
}
