import { and, eq, sql } from 'drizzle-orm';
import type { ConsultListQuery, ConsultSummaryView, ConsultView, Page, RequestConsultBody } from '@harbor/policy/api';
import { assignedTo, isIntakeProgramManager, recordScope, type AuthUser } from '../access/index.js';
import { afterCursor, orderOf, pageFrom, sortKey, type Unit, type UnitDb, type UserRepository } from '../data/index.js';
import { cases, consults, offices, referrals, towns } from '../db/schema.js';
import { badRequest, notFound } from '../http/errors.js';
import type { ObligationContext } from '../obligations/index.js';
import { requestConsult, type ConsultRow } from './request.js';
import { recordType } from './scope.js';
import { summariesOf, viewOf } from './views.js';

/**
 * HART consults are read and changed only through the caller's repository: every query carries
 * `scopeFor(user, 'consult')` (access/scope.ts), and every consult a response shows, with the
 * referral or case it is about, is named by an audit row of the request.
 */

/** Open ones first (requested, held, entered), then by request time, then id: the keys a page's cursor holds (index consults_queue_idx). */
const statusRank = sql<number>`(case ${consults.status} when 'requested' then 0 when 'held' then 1 else 2 end)`;
const rankOf = (status: string): number => (status === 'requested' ? 0 : status === 'held' ? 1 : 2);
const listKeys = [
  sortKey<ConsultRow>(statusRank, 'asc', 'number', (r) => rankOf(r.status)),
  sortKey<ConsultRow>(consults.requestedAt, 'asc', 'date', (r) => r.requestedAt),
  sortKey<ConsultRow>(consults.id, 'asc', 'text', (r) => r.id),
];

/** The consult's subject, shown with it: named in the audit as read. */
export function readSubjectOf(u: Unit, row: Pick<ConsultRow, 'subjectType' | 'subjectId'>): void {
  u.read(row.subjectType === 'case' ? 'case' : 'referral', row.subjectId);
}

/** The consult shown after a read or a change: the consult and its subject are named in the unit's audit. */
export async function shownView(u: Unit, ctx: ObligationContext, row: ConsultRow): Promise<ConsultView> {
  u.read('consult', row.id);
  readSubjectOf(u, row);
  return viewOf(u.db, ctx.vault, u.user, row, ctx.clock.now());
}

/** HL-1 .. HL-6: the consults within the caller's reach, open ones first, by request time; a page at a time. */
export async function listConsults(repo: UserRepository, ctx: ObligationContext, q: ConsultListQuery): Promise<Page<ConsultSummaryView>> {
  return repo.unit(async (u) => {
    const rows = await u.db
      .select()
      .from(consults)
      .where(
        and(
          u.scope('consult'),
          q.status ? eq(consults.status, q.status) : undefined,
          q.officeId ? eq(consults.officeId, q.officeId) : undefined,
          q.subjectId ? eq(consults.subjectId, q.subjectId) : undefined,
          afterCursor(listKeys, q.cursor),
        ),
      )
      .orderBy(...orderOf(listKeys))
      .limit(q.limit + 1);
    const shown = rows.slice(0, q.limit);
    const summaries = await summariesOf(u.db, shown, ctx.clock.now());
    const byId = new Map(summaries.map((s) => [s.id, s]));
    const page = pageFrom(rows, q.limit, listKeys, (r) => byId.get(r.id)!);
    u.shown('consult', shown.map((r) => r.id));
    u.shown('referral', shown.filter((r) => r.subjectType === 'referral').map((r) => r.subjectId));
    u.shown('case', shown.filter((r) => r.subjectType === 'case').map((r) => r.subjectId));
    const filters = { status: q.status ?? null, officeId: q.officeId ?? null, subjectId: q.subjectId ?? null };
    u.audit({ action: 'consult.list', recordType, detail: { ...filters, more: page.nextCursor !== null } });
    return page;
  });
}

export async function readConsult(repo: UserRepository, ctx: ObligationContext, id: string): Promise<ConsultView> {
  return repo.unit(async (u) => shownView(u, ctx, await u.get('consult', id)));
}

/**
 * IN-1, OG-1: the area office whose liaisons hold a consult on the subject, if the caller may ask
 * for one: a referral assigned to them (accepted, its town's area office), or, at intake, a
 * referral of their area office when they are its supervisor (IN-1: "through the intake Program
 * Manager"); or a case within their reach (its office). Anything else is not found.
 */
async function consultOffice(tx: UnitDb, user: AuthUser, body: RequestConsultBody): Promise<string> {
  if (body.subjectType === 'referral') {
    const intakeManager = isIntakeProgramManager(user) ? sql` or ${offices.id} = ${user.officeId}` : sql``;
    const assigned = sql`(${referrals.investigatorId} = ${user.id} or ${assignedTo(user, 'referral', referrals.id)}${intakeManager})`;
    const [ref] = await tx
      .select({ status: referrals.status, townName: referrals.townName, officeId: offices.id })
      .from(referrals)
      .leftJoin(towns, eq(towns.name, referrals.townName))
      .leftJoin(offices, eq(offices.code, towns.areaOfficeCode))
      .where(and(eq(referrals.id, body.subjectId), assigned))
      .limit(1);
    if (!ref) throw notFound('referral');
    if (ref.status !== 'accepted') throw badRequest('subjectId', 'A HART consult is requested on an accepted referral');
    if (!ref.officeId) throw badRequest('subjectId', 'The referral names no Connecticut town, so no area office can hold the consult');
    return ref.officeId;
  }
  const [c] = await tx
    .select({ officeId: cases.officeId })
    .from(cases)
    .where(and(eq(cases.id, body.subjectId), sql`(${cases.workerId} = ${user.id} or ${recordScope(user, { officeId: cases.officeId, recordId: cases.id }, 'case')})`))
    .limit(1);
  if (!c) throw notFound('case');
  return c.officeId;
}

/**
 * IN-1, OG-1, HL-1: a worker requests a HART consult; it goes to the area office's liaisons, due in
 * 72 hours. A retry with the same key answers the first consult, looked up within the caller's reach.
 */
export async function requestConsultFor(repo: UserRepository, ctx: ObligationContext, body: RequestConsultBody, key: string | null): Promise<{ view: ConsultView; created: boolean }> {
  return repo.unit(async (u) => {
    const { user } = u;
    const officeId = await consultOffice(u.db, user, body);
    const idempotencyKey = key ?? `consult:${user.id}:${crypto.randomUUID()}`;
    const { consult, created } = await requestConsult(u.db, ctx, user.id, { subjectType: body.subjectType, subjectId: body.subjectId, officeId, reason: body.reason, idempotencyKey }, u.scope('consult'));
    if (!created && (consult.requestedBy !== user.id || consult.subjectId !== body.subjectId)) throw badRequest('idempotencyKey', 'This key was used for another request');
    u.audit({ action: 'consult.request', recordType, recordId: consult.id, detail: { subjectType: body.subjectType, subjectId: body.subjectId, officeId, created } });
    return { view: await shownView(u, ctx, consult), created };
  });
}
