import type { ReferralStatus } from '@harbor/policy';
import type { CaseAllegationNoticeView, CaseAllegationView, CaseListQuery, CaseSummaryView, CaseView, CaseWorkerView, CreateCaseBody, Page } from '@harbor/policy/api';
import { and, asc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AuthUser } from '../access/index.js';
import type { Vault } from '../crypto/index.js';
import { afterCursor, orderOf, pageFrom, sortKey, type Unit, type UnitDb, type UserRepository } from '../data/index.js';
import { assignments, caseAllegations, caseNotices, cases, consults, offices, outboxMessages, partnerAgencies, people, referrals, towns, userRoles, users } from '../db/schema.js';
import { HttpError, conflict } from '../http/errors.js';
import { consultsOf, dutiesOf } from '../investigations/index.js';
import { insertPerson, openIdentity } from '../people/index.js';

/**
 * Open (ongoing) cases (issue 4 item 4): opened directly here (later imported from the agency's
 * main system), reached within the caller's scope (record type 'case': the ongoing worker by
 * assignment, supervisors and HART liaisons their office, the HART Lead the region, the HART
 * Director the state: `scopeFor(user, 'case')`). Every read and write goes through the caller's
 * repository (data/): scoped, and audited in its transaction, naming every child record shown.
 */
export const recordType = 'case';
export type CaseRow = typeof cases.$inferSelect;

/** CF-1: where OG-2's phone call keeps the officer's name, badge and the police case number (sealed JSON, bound to the notice's row). */
export const casePoliceContactAt = (noticeId: string) => ({ table: 'case_notices', column: 'police_contact', rowId: noticeId });
export interface CasePoliceContact {
  officerName: string;
  badgeNumber: string | null;
  policeCaseNumber: string | null;
}
export const openCasePoliceContact = (vault: Vault, noticeId: string, sealed: string | null): CasePoliceContact | null =>
  sealed ? vault.openJson<CasePoliceContact>(sealed, casePoliceContactAt(noticeId)) : null;

export const caseNumber = (year: number, sequence: number): string => `C-${year}-${String(sequence).padStart(6, '0')}`;

/** Rows of a raw statement (both drivers answer `{ rows }`). */
export async function rowsOf<T>(db: UnitDb, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** HL-2: a case with an HT concern lacks a sent DCF-737 when it has none, or one not yet sent (or acknowledged). */
const sentStatuses = sql`('sent', 'acknowledged')`;
export const missing737 = sql<boolean>`(${cases.htConcernAt} is not null and (
  not exists (select 1 from case_notices cn where cn.case_id = ${cases.id} and cn.means = 'dcf737')
  or exists (select 1 from case_notices cn left join outbox_messages om on om.id = cn.outbox_message_id
             where cn.case_id = ${cases.id} and cn.means = 'dcf737' and (om.id is null or om.status not in ${sentStatuses}))))`;

const worker = alias(users, 'worker');
const summaryColumns = {
  c: cases,
  officeCode: offices.code,
  officeName: offices.name,
  workerName: worker.displayName,
  identity: people.identity,
  missing737,
};
type SummaryRow = { c: CaseRow; officeCode: string; officeName: string; workerName: string | null; identity: string; missing737: boolean };

function summaryOf(vault: Vault, r: SummaryRow): CaseSummaryView {
  const id = openIdentity(vault, r.c.personId, r.identity);
  return {
    id: r.c.id,
    number: r.c.number,
    status: r.c.status,
    officeId: r.c.officeId,
    officeCode: r.officeCode,
    officeName: r.officeName,
    workerId: r.c.workerId,
    workerName: r.workerName,
    childName: `${id.firstName} ${id.lastName}`.trim(),
    townName: r.c.townName,
    openedAt: r.c.openedAt.toISOString(),
    htConcernAt: r.c.htConcernAt?.toISOString() ?? null,
    missing737: Boolean(r.missing737),
  };
}

const summaries = (tx: UnitDb) =>
  tx
    .select(summaryColumns)
    .from(cases)
    .innerJoin(offices, eq(offices.id, cases.officeId))
    .innerJoin(people, eq(people.id, cases.personId))
    .leftJoin(worker, eq(worker.id, cases.workerId));

/** The case within the unit's reach ("No such case" otherwise); `lock` takes it for a change. */
export const getCase = (u: Unit, id: string, lock = false): Promise<CaseRow> => u.get('case', id, { lock });

/** OG-1 .. OG-4 are the case worker's; a supervisor of the case's office may act too. */
export const mayRaise = (user: AuthUser, row: Pick<CaseRow, 'workerId' | 'officeId'>): boolean =>
  user.permissions.has('case.write') && (row.workerId === user.id || (user.roles.includes('supervisor') && row.officeId === user.officeId));

/** Where the assessment's words are sealed: they describe the child. */
export const assessmentAt = (id: string) => ({ table: 'cases', column: 'red_flags', rowId: id });
/** Where a later allegation's words are sealed. */
export const allegationAt = (id: string) => ({ table: 'case_allegations', column: 'assessment_sealed', rowId: id });
/** The first allegation's assessment, on the case row (referral and consult ids since several allegations may be made). */
export interface RedFlags {
  indicators: string[];
  assessmentSealed: string;
  idempotencyKey: string;
  referralId?: string;
  consultId?: string;
  consultRequested?: boolean;
  [k: string]: unknown;
}

export async function caseNoticesOf(tx: UnitDb, vault: Vault, caseId: string): Promise<CaseAllegationNoticeView[]> {
  const rows = await tx
    .select({
      id: caseNotices.id,
      key: caseNotices.key,
      allegation: caseNotices.allegation,
      party: caseNotices.party,
      means: caseNotices.means,
      calledAt: caseNotices.calledAt,
      policeContactSealed: caseNotices.policeContactSealed,
      partnerName: partnerAgencies.name,
      outboxStatus: outboxMessages.status,
      outboxMessageId: caseNotices.outboxMessageId,
      documentId: caseNotices.documentId,
      createdAt: caseNotices.createdAt,
    })
    .from(caseNotices)
    .innerJoin(partnerAgencies, eq(partnerAgencies.id, caseNotices.partnerAgencyId))
    .leftJoin(outboxMessages, eq(outboxMessages.id, caseNotices.outboxMessageId))
    .where(eq(caseNotices.caseId, caseId))
    .orderBy(asc(caseNotices.allegation), asc(caseNotices.createdAt), asc(caseNotices.key));
  return rows.map(({ outboxStatus, createdAt, calledAt, policeContactSealed, ...n }) => {
    const phone = n.means === 'phone';
    const contact = phone ? openCasePoliceContact(vault, n.id, policeContactSealed) : null;
    return {
      ...n,
      party: n.party as CaseAllegationNoticeView['party'],
      means: phone ? 'phone' : 'dcf737',
      status: outboxStatus ?? (phone ? (calledAt ? 'recorded' : 'awaiting_entry') : 'not_queued'),
      phoneCall: calledAt && contact ? { calledAt: calledAt.toISOString(), ...contact } : null,
      createdAt: createdAt.toISOString(),
    };
  });
}

/**
 * Every HT allegation on the case, oldest first: the first HT concern (the case row) and each
 * later one, with its referral, consult and notices. A first concern recorded before the case
 * row kept its referral and consult ids is matched to the case's first OG-3 referral and OG-1
 * consult.
 */
async function allegationsOf(tx: UnitDb, vault: Vault, row: CaseRow, notices: CaseAllegationNoticeView[]): Promise<CaseAllegationView[]> {
  const flags = row.redFlags as RedFlags | null;
  if (!row.htConcernAt || !flags?.assessmentSealed) return [];
  const later = await tx
    .select({ a: caseAllegations, byName: users.displayName })
    .from(caseAllegations)
    .leftJoin(users, eq(users.id, caseAllegations.raisedBy))
    .where(eq(caseAllegations.caseId, row.id))
    .orderBy(asc(caseAllegations.seq));
  const refs = await tx
    .select({ id: referrals.id, number: referrals.number, status: referrals.status })
    .from(referrals)
    .where(and(eq(referrals.originType, recordType), eq(referrals.originId, row.id)))
    .orderBy(asc(referrals.createdAt), asc(referrals.number));
  const consultIds = [flags.consultId, ...later.map((l) => l.a.consultId)].filter((x): x is string => !!x);
  const cons = await tx
    .select({ id: consults.id, number: consults.number, status: consults.status, idempotencyKey: consults.idempotencyKey })
    .from(consults)
    .where(or(consultIds.length > 0 ? inArray(consults.id, consultIds) : undefined, eq(consults.idempotencyKey, `og1:${row.id}`)));
  const claimed = new Set(later.map((l) => l.a.referralId));
  const referralOf = (id: string | null | undefined) => {
    const r = id ? refs.find((x) => x.id === id) : undefined;
    return r ? { ...r, status: r.status as ReferralStatus } : null;
  };
  const consultOf = (id: string | null | undefined, requested: boolean) => {
    const c = id ? cons.find((x) => x.id === id) : undefined;
    return c ? { id: c.id, number: c.number, status: c.status, requested } : null;
  };
  const [by] = row.htConcernBy ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, row.htConcernBy)) : [];
  const first = vault.openJson<{ narrative: string; notes: string | null }>(flags.assessmentSealed, assessmentAt(row.id));
  const out: CaseAllegationView[] = [
    {
      seq: 1,
      at: row.htConcernAt.toISOString(),
      byName: by?.name ?? null,
      indicators: flags.indicators,
      narrative: first.narrative,
      notes: first.notes,
      referral: referralOf(flags.referralId ?? refs.find((r) => !claimed.has(r.id))?.id),
      consult: consultOf(flags.consultId ?? cons.find((c) => c.idempotencyKey === `og1:${row.id}`)?.id, flags.consultRequested ?? true),
      notices: notices.filter((n) => n.allegation === 1),
    },
  ];
  for (const { a, byName } of later) {
    const words = vault.openJson<{ narrative: string; notes: string | null }>(a.assessmentSealed, allegationAt(a.id));
    out.push({
      seq: a.seq,
      at: a.raisedAt.toISOString(),
      byName,
      indicators: a.indicators,
      narrative: words.narrative,
      notes: words.notes,
      referral: referralOf(a.referralId),
      consult: consultOf(a.consultId, a.consultRequested),
      notices: notices.filter((n) => n.allegation === a.seq),
    });
  }
  return out;
}

/**
 * The case as shown, read in the unit: the case, its child (person), and every referral, consult
 * and duty it lists are named in the unit's audit rows (the case by the caller's own row or as read).
 */
export async function caseView(u: Unit, vault: Vault, row: CaseRow): Promise<CaseView> {
  const { db: tx, user } = u;
  const [s] = await summaries(tx).where(eq(cases.id, row.id));
  if (!s) throw new Error('case without office or child');
  const identity = openIdentity(vault, row.personId, s.identity);
  const notices = await caseNoticesOf(tx, vault, row.id);
  const allegations = await allegationsOf(tx, vault, row, notices);
  const firstAllegation = allegations[0];
  const consultList = await consultsOf(tx, 'case', row.id);
  const duties = await dutiesOf(tx, vault, 'case', row.id);
  u.read('case', row.id);
  u.read('person', row.personId);
  const shown = {
    referral: allegations.flatMap((a) => (a.referral ? [a.referral.id] : [])),
    consult: [...consultList.map((c) => c.id), ...allegations.flatMap((a) => (a.consult ? [a.consult.id] : []))],
    obligation: duties.map((d) => d.id),
  };
  for (const [kind, ids] of Object.entries(shown) as [keyof typeof shown, string[]][]) if (ids.length > 0) u.shown(kind, ids);
  return {
    ...summaryOf(vault, s),
    child: { personId: row.personId, firstName: identity.firstName, lastName: identity.lastName, dateOfBirth: identity.dateOfBirth },
    htConcern: firstAllegation
      ? { at: firstAllegation.at, byName: firstAllegation.byName, indicators: firstAllegation.indicators, narrative: firstAllegation.narrative, notes: firstAllegation.notes }
      : null,
    allegations,
    notices,
    consults: consultList,
    duties,
    // The latest allegation's Careline referral (OG-3).
    carelineReferral: allegations.at(-1)?.referral ?? null,
    canRaise: mayRaise(user, row),
    version: row.version,
  };
}

export async function readCase(repo: UserRepository, vault: Vault, id: string): Promise<CaseView> {
  // Out of scope and missing look the same ("No such case"); the refusal is audited by the guard.
  return repo.unit(async (u) => caseView(u, vault, await getCase(u, id)));
}

/** HT concerns first, newest first, then the cases without one; by opening, newest first; then by id: the keys a page's cursor holds (index cases_open_order_idx). */
const noConcern = sql`'0001-01-01T00:00:00Z'::timestamptz`;
const listKeys = [
  sortKey<SummaryRow>(sql`coalesce(${cases.htConcernAt}, ${noConcern})`, 'desc', 'date', (r) => r.c.htConcernAt ?? new Date('0001-01-01T00:00:00Z')),
  sortKey<SummaryRow>(cases.openedAt, 'desc', 'date', (r) => r.c.openedAt),
  sortKey<SummaryRow>(cases.id, 'desc', 'text', (r) => r.c.id),
];

export async function listCases(repo: UserRepository, vault: Vault, query: CaseListQuery): Promise<Page<CaseSummaryView>> {
  return repo.unit(async (u) => {
    const conds: (SQL | undefined)[] = [u.scope('case'), eq(cases.status, 'open'), afterCursor(listKeys, query.cursor)];
    if (query.htConcern === 'yes') conds.push(isNotNull(cases.htConcernAt));
    if (query.htConcern === 'no') conds.push(isNull(cases.htConcernAt));
    if (query.missing737 === 'yes') conds.push(missing737);
    if (query.missing737 === 'no') conds.push(sql`not ${missing737}`);
    const rows = await summaries(u.db)
      .where(and(...conds))
      .orderBy(...orderOf(listKeys))
      .limit(query.limit + 1);
    const page = pageFrom(rows, query.limit, listKeys, (r) => summaryOf(vault, r));
    const { cursor: _c, limit: _l, ...filters } = query;
    u.audit({ action: 'case.list', recordType, detail: { ...filters, page: query.cursor ? 'next' : 'first' } });
    u.shown('case', page.items.map((c) => c.id));
    // Each row names its child.
    if (page.items.length > 0) u.shown('person', rows.slice(0, query.limit).map((r) => r.c.personId));
    return page;
  });
}

const invalid = (fields: { field: string; message: string }[]) => new HttpError(400, 'validation', `Check these fields: ${fields.map((f) => f.field).join(', ')}`, fields);

/** The office must be an area office within the creator's reach, the worker an ongoing worker of it. */
async function checkRefs(tx: UnitDb, user: AuthUser, body: CreateCaseBody): Promise<void> {
  const [o] = await tx.select({ id: offices.id, kind: offices.kind, regionCode: offices.regionCode }).from(offices).where(eq(offices.id, body.officeId)).limit(1);
  const reachable = o && (user.scope === 'statewide' || o.id === user.officeId || (user.scope === 'region' && o.regionCode !== null && o.regionCode === user.regionCode));
  if (!o || o.kind !== 'area_office' || !reachable) throw invalid([{ field: 'officeId', message: 'Choose your own area office' }]);
  const workers = await rowsOf<{ id: string }>(
    tx,
    sql`select u.id from ${users} u join ${userRoles} r on r.user_id = u.id and r.role = 'ongoing_worker' where u.id = ${body.workerId} and u.office_id = ${body.officeId} and u.disabled_at is null`,
  );
  if (workers.length === 0) throw invalid([{ field: 'workerId', message: 'Choose an ongoing social worker of the case’s office' }]);
}

/** The existing child record, within the creator's reach (person scope), or a new child's record, sealed. */
async function childFor(u: Unit, vault: Vault, body: CreateCaseBody, now: Date): Promise<{ personId: string; townName: string | null; created: boolean }> {
  const { db: tx, user } = u;
  if (body.child.kind === 'existing') {
    const p = await u.find('person', body.child.personId);
    if (!p || p.kind !== 'child') throw invalid([{ field: 'child.personId', message: 'Choose a child within your reach' }]);
    return { personId: p.id, townName: p.townName, created: false };
  }
  const c = body.child;
  const [t] = await tx.select({ name: towns.name }).from(towns).where(sql`lower(${towns.name}) = lower(${c.townName})`).limit(1);
  if (!t) throw invalid([{ field: 'child.townName', message: 'Choose a Connecticut town' }]);
  const personId = await insertPerson(tx, vault, {
    kind: 'child',
    firstName: c.firstName,
    lastName: c.lastName,
    aliases: [],
    dateOfBirth: c.dateOfBirth,
    gender: c.gender,
    townName: t.name,
    officeId: body.officeId,
    createdBy: user.id,
    createdAt: now,
  });
  return { personId, townName: t.name, created: true };
}

export interface CaseContext {
  clock: { now(): Date };
  vault: Vault;
}

export async function createCase(repo: UserRepository, ctx: CaseContext, body: CreateCaseBody): Promise<CaseView> {
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    // A retry is looked up through the caller's scope: another caller's key is never their case.
    const [earlier] = await tx.select().from(cases).where(and(eq(cases.idempotencyKey, body.idempotencyKey), u.scope('case'))).limit(1);
    if (earlier) {
      if (earlier.createdBy !== user.id) throw conflict('This key was used for another case.');
      // A retry answers the case it made; the answer shows the child, so it is audited too.
      u.audit({ action: 'case.create', recordType, recordId: earlier.id, detail: { replayed: true } });
      return caseView(u, ctx.vault, earlier);
    }
    const [taken] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.idempotencyKey, body.idempotencyKey)).limit(1);
    if (taken) throw conflict('This key was used for another case.');
    await checkRefs(tx, user, body);
    const now = ctx.clock.now();
    const child = await childFor(u, ctx.vault, body, now);
    if (child.created) u.audit({ action: 'person.create', recordType: 'person', recordId: child.personId, detail: { source: 'case' } });
    const [seq] = await rowsOf<{ n: string | number }>(tx, sql`select nextval('case_number_seq') as n`);
    const [row] = await tx
      .insert(cases)
      .values({
        number: caseNumber(now.getUTCFullYear(), Number(seq?.n)),
        officeId: body.officeId,
        workerId: body.workerId,
        personId: child.personId,
        townName: child.townName,
        openedAt: now,
        idempotencyKey: body.idempotencyKey,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    // The ongoing worker reaches the case and its child by assignment.
    await tx.insert(assignments).values([
      { recordType, recordId: row.id, userId: body.workerId, assignedAt: now },
      { recordType: 'person', recordId: child.personId, userId: body.workerId, assignedAt: now },
    ]);
    u.audit({ action: 'case.create', recordType, recordId: row.id, detail: { number: row.number, officeId: row.officeId, workerId: row.workerId, personId: child.personId, newChild: child.created } });
    return caseView(u, ctx.vault, row);
  });
}

/** The ongoing workers of the caller's office, for the "Open a case" form. */
export async function caseWorkers(repo: UserRepository): Promise<CaseWorkerView[]> {
  return repo.unit(async (u) => {
    const rows = await rowsOf<{ id: string; name: string; office_id: string; office_code: string }>(
      u.db,
      sql`select u.id, u.display_name as name, o.id as office_id, o.code as office_code from ${users} u
          join ${userRoles} r on r.user_id = u.id and r.role = 'ongoing_worker' join offices o on o.id = u.office_id
          where u.disabled_at is null and u.office_id = ${u.user.officeId} order by u.display_name, u.id limit 500`,
    );
    u.audit({ action: 'case.workers', recordType: 'user', detail: { count: rows.length } });
    return rows.map((r) => ({ id: r.id, name: r.name, officeId: r.office_id, officeCode: r.office_code }));
  });
}
