import { and, asc, eq, sql } from 'drizzle-orm';
import type { ConsultListQuery, ConsultSummaryView, ConsultView, RequestConsultBody } from '@harbor/policy/api';
import { isIntakeProgramManager, recordScope, type Actor } from '../access/index.js';
import { audited } from '../audit/index.js';
import type { Db, DbOrTx } from '../db/client.js';
import { assignments, cases, consults, offices, referrals, towns } from '../db/schema.js';
import { badRequest, notFound } from '../http/errors.js';
import type { ObligationContext } from '../obligations/index.js';
import { requestConsult, type ConsultRow } from './request.js';
import { consultScope, recordType, requireUser } from './scope.js';
import { summariesOf, viewOf } from './views.js';

/** HL-1 .. HL-6: the consults within the caller's reach, open ones first, by due time. */
export async function listConsults(db: Db, ctx: ObligationContext, actor: Actor, q: ConsultListQuery): Promise<ConsultSummaryView[]> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const rows = await tx
      .select()
      .from(consults)
      .where(and(consultScope(user), q.status ? eq(consults.status, q.status) : undefined))
      .orderBy(sql`case ${consults.status} when 'requested' then 0 when 'held' then 1 else 2 end`, asc(consults.requestedAt), asc(consults.id))
      .limit(500);
    const items = await summariesOf(tx, rows, ctx.clock.now());
    await audit({ action: 'consult.list', recordType, detail: { status: q.status ?? null, count: items.length, ids: items.map((c) => c.id) } });
    return items;
  });
}

export async function findConsult(tx: DbOrTx, actor: Actor, id: string, lock = false): Promise<ConsultRow> {
  const user = requireUser(actor);
  const query = tx.select().from(consults).where(and(eq(consults.id, id), consultScope(user))).limit(1);
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('consult');
  return row;
}

export async function readConsult(db: Db, ctx: ObligationContext, actor: Actor, id: string): Promise<ConsultView> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const row = await findConsult(tx, actor, id);
    await audit({ action: 'consult.read', recordType, recordId: id });
    return viewOf(tx, ctx.vault, user, row, ctx.clock.now());
  });
}

/**
 * IN-1, OG-1: the area office whose liaisons hold a consult on the subject, if the caller may ask
 * for one: a referral assigned to them (accepted, its town's area office), or, at intake, a
 * referral of their area office when they are its supervisor (IN-1: "through the intake Program
 * Manager"); or a case within their reach (its office). Anything else is not found.
 */
async function consultOffice(tx: DbOrTx, actor: Actor, body: RequestConsultBody): Promise<string> {
  const user = requireUser(actor);
  if (body.subjectType === 'referral') {
    const intakeManager = isIntakeProgramManager(user) ? sql` or ${offices.id} = ${user.officeId}` : sql``;
    const assigned = sql`(${referrals.investigatorId} = ${user.id} or exists (select 1 from ${assignments} a where a.record_type = 'referral' and a.record_id = ${referrals.id} and a.user_id = ${user.id} and a.ended_at is null)${intakeManager})`;
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

/** IN-1, OG-1, HL-1: a worker requests a HART consult; it goes to the area office's liaisons, due in 72 hours. */
export async function requestConsultFor(db: Db, ctx: ObligationContext, actor: Actor, body: RequestConsultBody, key: string | null): Promise<{ view: ConsultView; created: boolean }> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const officeId = await consultOffice(tx, actor, body);
    const idempotencyKey = key ?? `consult:${user.id}:${crypto.randomUUID()}`;
    const { consult, created } = await requestConsult(tx, ctx, user.id, { subjectType: body.subjectType, subjectId: body.subjectId, officeId, reason: body.reason, idempotencyKey });
    if (!created && (consult.requestedBy !== user.id || consult.subjectId !== body.subjectId)) throw badRequest('idempotencyKey', 'This key was used for another request');
    await audit({ action: 'consult.request', recordType, recordId: consult.id, detail: { subjectType: body.subjectType, subjectId: body.subjectId, officeId, created } });
    return { view: await viewOf(tx, ctx.vault, user, consult, ctx.clock.now()), created };
  });
}
