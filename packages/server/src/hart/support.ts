import type { SupportKind, SupportStatus } from '@harbor/policy';
import type { SupportAnswerBody, SupportDirectorBody, SupportEscalateBody, SupportListQuery, SupportRequestBody, SupportSummaryView, SupportView } from '@harbor/policy/api';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor, AuthUser } from '../access/index.js';
import { audited } from '../audit/index.js';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { consults, offices, supportRequests } from '../db/schema.js';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import type { ObligationContext } from '../obligations/index.js';
import { namesOf } from '../consults/index.js';

/**
 * LD-2: a HART liaison asks the HART Lead of their region for support on a consult or a case
 * (consults, treatment options, law enforcement, recovery operations). LD-4: the Lead answers it,
 * or escalates to the HART Director what cannot be handled locally. DR-3, DR-4: the Director
 * sees every escalation (and every request) and answers it. Texts are sealed: they describe children.
 */
const recordType = 'support_request';
type Row = typeof supportRequests.$inferSelect;
const at = (column: string, id: string) => ({ table: 'support_requests', column, rowId: id });

function requireUser(actor: Actor): AuthUser {
  if (!actor.user) throw notFound('support request');
  return actor.user;
}

/** The Director every request; a Lead those of the region's offices; anyone else their own. */
function supportScope(user: AuthUser): SQL {
  if (user.scope === 'statewide') return sql`true`;
  const own = eq(supportRequests.requestedBy, user.id);
  if (user.scope === 'region' && user.regionCode) return sql`(${supportRequests.officeId} in (select o.id from offices o where o.region_code = ${user.regionCode}) or ${own})`;
  return own;
}

const leadOf = (user: AuthUser, regionCode: string | null) => user.roles.includes('hart_lead') && user.permissions.has('hart_support.handle') && regionCode !== null && user.regionCode === regionCode;
const isDirector = (user: AuthUser) => user.roles.includes('hart_director') && user.permissions.has('hart_support.handle');

async function summaries(tx: DbOrTx, rows: Row[]): Promise<SupportSummaryView[]> {
  if (rows.length === 0) return [];
  const officeRows = await tx.select({ id: offices.id, code: offices.code, name: offices.name }).from(offices).where(inArray(offices.id, [...new Set(rows.map((r) => r.officeId))]));
  const consultIds = rows.map((r) => r.consultId).filter((x): x is string => x !== null);
  const numbers = new Map(consultIds.length ? (await tx.select({ id: consults.id, number: consults.number }).from(consults).where(inArray(consults.id, consultIds))).map((c) => [c.id, c.number]) : []);
  const names = await namesOf(tx, rows.map((r) => r.requestedBy));
  return rows.map((r) => {
    const o = officeRows.find((x) => x.id === r.officeId);
    return {
      id: r.id,
      kind: r.kind as SupportKind,
      status: r.status as SupportStatus,
      office: { id: r.officeId, code: o?.code ?? '', name: o?.name ?? '' },
      requestedBy: { id: r.requestedBy, name: names.get(r.requestedBy) ?? '' },
      requestedAt: r.requestedAt.toISOString(),
      consult: r.consultId ? { id: r.consultId, number: numbers.get(r.consultId) ?? '' } : null,
      escalatedAt: r.escalatedAt?.toISOString() ?? null,
      version: r.version,
    };
  });
}

async function viewOf(tx: DbOrTx, ctx: ObligationContext, user: AuthUser, row: Row): Promise<SupportView> {
  const [summary] = await summaries(tx, [row]);
  const names = await namesOf(tx, [row.answeredBy, row.escalatedBy, row.directorBy]);
  const [office] = await tx.select({ regionCode: offices.regionCode }).from(offices).where(eq(offices.id, row.officeId));
  const open = (sealed: string | null, column: string) => (sealed ? ctx.vault.open(sealed, at(column, row.id)) : null);
  const part = (sealed: string | null, column: string, by: string | null, when: Date | null) => {
    const text = open(sealed, column);
    return text !== null && by && when ? { text, by: { id: by, name: names.get(by) ?? '' }, at: when.toISOString() } : null;
  };
  const answer = part(row.answerSealed, 'answer', row.answeredBy, row.answeredAt);
  const escalation = part(row.escalationSealed, 'escalation', row.escalatedBy, row.escalatedAt);
  const lead = leadOf(user, office?.regionCode ?? null);
  return {
    ...summary!,
    question: open(row.questionSealed, 'question') ?? '',
    answer,
    escalation: escalation ? { reason: escalation.text, by: escalation.by, at: escalation.at } : null,
    directorResponse: part(row.directorSealed, 'director', row.directorBy, row.directorAt),
    can: { answer: lead && row.status === 'open', escalate: lead && row.status === 'open', respond: isDirector(user) && row.status === 'escalated' },
  };
}

export async function listSupport(db: Db, actor: Actor, q: SupportListQuery): Promise<SupportSummaryView[]> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const rows = await tx
      .select()
      .from(supportRequests)
      .where(and(supportScope(user), q.status ? eq(supportRequests.status, q.status) : undefined))
      .orderBy(sql`case ${supportRequests.status} when 'escalated' then 0 when 'open' then 1 else 2 end`, asc(supportRequests.requestedAt), asc(supportRequests.id))
      .limit(500);
    const items = await summaries(tx, rows);
    await audit({ action: 'hart_support.list', recordType, detail: { status: q.status ?? null, count: items.length, ids: items.map((i) => i.id) } });
    return items;
  });
}

async function find(tx: DbOrTx, user: AuthUser, id: string, lock = false): Promise<Row> {
  const query = tx.select().from(supportRequests).where(and(eq(supportRequests.id, id), supportScope(user))).limit(1);
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('support request');
  return row;
}

export async function readSupport(db: Db, ctx: ObligationContext, actor: Actor, id: string): Promise<SupportView> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const row = await find(tx, user, id);
    await audit({ action: 'hart_support.read', recordType, recordId: id });
    return viewOf(tx, ctx, user, row);
  });
}

/** LD-2: a liaison asks the region's HART Lead for support, about a consult of their office or in general. */
export async function requestSupport(db: Db, ctx: ObligationContext, actor: Actor, body: SupportRequestBody): Promise<{ view: SupportView; created: boolean }> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    if (body.idempotencyKey) {
      const [earlier] = await tx.select().from(supportRequests).where(eq(supportRequests.idempotencyKey, body.idempotencyKey)).limit(1);
      if (earlier) {
        if (earlier.requestedBy !== user.id) throw badRequest('idempotencyKey', 'This key was used for another request');
        await audit({ action: 'hart_support.request', recordType, recordId: earlier.id, detail: { replayed: true } });
        return { view: await viewOf(tx, ctx, user, earlier), created: false };
      }
    }
    let subject: { subjectType: string; subjectId: string } | null = null;
    if (body.consultId) {
      const [c] = await tx.select({ subjectType: consults.subjectType, subjectId: consults.subjectId }).from(consults).where(and(eq(consults.id, body.consultId), eq(consults.officeId, user.officeId))).limit(1);
      if (!c) throw badRequest('consultId', 'No such consult in your office');
      subject = c;
    }
    const id = crypto.randomUUID();
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(supportRequests)
      .values({
        id,
        officeId: user.officeId,
        subjectType: subject?.subjectType ?? null,
        subjectId: subject?.subjectId ?? null,
        consultId: body.consultId ?? null,
        kind: body.kind,
        status: 'open',
        requestedBy: user.id,
        requestedAt: now,
        questionSealed: ctx.vault.seal(body.question, at('question', id)),
        idempotencyKey: body.idempotencyKey ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit({ action: 'hart_support.request', recordType, recordId: id, detail: { kind: body.kind, consultId: body.consultId ?? null } });
    return { view: await viewOf(tx, ctx, user, row!), created: true };
  });
}

type Step = (row: Row, user: AuthUser, regionCode: string | null, now: Date) => { set: Partial<typeof supportRequests.$inferInsert>; detail?: Record<string, unknown> };

async function step(db: Db, ctx: ObligationContext, actor: Actor, id: string, version: number, action: string, work: Step): Promise<SupportView> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx: Tx, audit) => {
    const row = await find(tx, user, id, true);
    const [office] = await tx.select({ regionCode: offices.regionCode }).from(offices).where(eq(offices.id, row.officeId));
    const now = ctx.clock.now();
    const { set, detail } = work(row, user, office?.regionCode ?? null, now);
    if (row.version !== version) throw conflict('Someone else changed this request since you opened it. Reload to see their change.');
    const [updated] = await tx.update(supportRequests).set({ ...set, updatedAt: now, version: row.version + 1 }).where(eq(supportRequests.id, id)).returning();
    await audit({ action, recordType, recordId: id, detail: { from: row.status, to: updated!.status, ...detail } });
    return viewOf(tx, ctx, user, updated!);
  });
}

/** LD-2: the region's HART Lead answers; the request is closed. */
export function answerSupport(db: Db, ctx: ObligationContext, actor: Actor, id: string, body: SupportAnswerBody): Promise<SupportView> {
  return step(db, ctx, actor, id, body.version, 'hart_support.answer', (row, user, region, now) => {
    if (!leadOf(user, region)) throw forbidden();
    if (row.status !== 'open') throw conflict('This request is no longer open.');
    return { set: { status: 'answered', answeredBy: user.id, answeredAt: now, answerSealed: ctx.vault.seal(body.answer, at('answer', row.id)) } };
  });
}

/** LD-4: the Lead escalates to the HART Director what cannot be handled locally, saying why. */
export function escalateSupport(db: Db, ctx: ObligationContext, actor: Actor, id: string, body: SupportEscalateBody): Promise<SupportView> {
  return step(db, ctx, actor, id, body.version, 'hart_support.escalate', (row, user, region, now) => {
    if (!leadOf(user, region)) throw forbidden();
    if (row.status !== 'open') throw conflict('This request is no longer open.');
    return { set: { status: 'escalated', escalatedBy: user.id, escalatedAt: now, escalationSealed: ctx.vault.seal(body.reason, at('escalation', row.id)) } };
  });
}

/** DR-3: the HART Director answers an escalation; the request is resolved. */
export function respondToEscalation(db: Db, ctx: ObligationContext, actor: Actor, id: string, body: SupportDirectorBody): Promise<SupportView> {
  return step(db, ctx, actor, id, body.version, 'hart_support.director_response', (row, user, _region, now) => {
    if (!isDirector(user)) throw forbidden();
    if (row.status !== 'escalated') throw conflict('Only an escalated request takes the Director’s response.');
    return { set: { status: 'resolved', directorBy: user.id, directorAt: now, directorSealed: ctx.vault.seal(body.response, at('director', row.id)) } };
  });
}
