import type { SupportKind, SupportStatus } from '@harbor/policy';
import type { SupportAnswerBody, SupportDirectorBody, SupportEscalateBody, SupportListQuery, SupportRequestBody, SupportSummaryView, SupportView } from '@harbor/policy/api';
import type { Page } from '@harbor/policy/api';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AuthUser } from '../access/index.js';
import { afterCursor, orderOf, pageFrom, sortKey, type Unit, type UserRepository } from '../data/index.js';
import { consults, offices, supportRequests } from '../db/schema.js';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import type { DutyDb, ObligationContext } from '../obligations/index.js';
import { namesOf } from '../consults/index.js';

/**
 * LD-2: a HART liaison asks the HART Lead of their region for support on a consult or a case
 * (consults, treatment options, law enforcement, recovery operations). LD-4: the Lead answers it,
 * or escalates to the HART Director what cannot be handled locally. DR-3, DR-4: the Director
 * sees every escalation (and every request) and answers it. Texts are sealed: they describe children.
 * Who reaches a request is `scopeFor(user, 'support_request')` (access/scope.ts), applied by the
 * caller's repository; every request and consult a response shows is named in its audit.
 */
const recordType = 'support_request';
type Row = typeof supportRequests.$inferSelect;
const at = (column: string, id: string) => ({ table: 'support_requests', column, rowId: id });

const leadOf = (user: AuthUser, regionCode: string | null) => user.roles.includes('hart_lead') && user.permissions.has('hart_support.handle') && regionCode !== null && user.regionCode === regionCode;
const isDirector = (user: AuthUser) => user.roles.includes('hart_director') && user.permissions.has('hart_support.handle');

async function summaries(tx: DutyDb, rows: Row[]): Promise<SupportSummaryView[]> {
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

async function viewOf(tx: DutyDb, ctx: ObligationContext, user: AuthUser, row: Row): Promise<SupportView> {
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

/** Escalations first, then open ones, then by request time, then id: the keys a page's cursor holds (index support_requests_queue_idx). */
const statusRank = sql<number>`(case ${supportRequests.status} when 'escalated' then 0 when 'open' then 1 else 2 end)`;
const rankOf = (status: string): number => (status === 'escalated' ? 0 : status === 'open' ? 1 : 2);
const listKeys = [
  sortKey<Row>(statusRank, 'asc', 'number', (r) => rankOf(r.status)),
  sortKey<Row>(supportRequests.requestedAt, 'asc', 'date', (r) => r.requestedAt),
  sortKey<Row>(supportRequests.id, 'asc', 'text', (r) => r.id),
];

export async function listSupport(repo: UserRepository, q: SupportListQuery): Promise<Page<SupportSummaryView>> {
  return repo.unit(async (u) => {
    const rows = await u.db
      .select()
      .from(supportRequests)
      .where(and(u.scope('support_request'), q.status ? eq(supportRequests.status, q.status) : undefined, afterCursor(listKeys, q.cursor)))
      .orderBy(...orderOf(listKeys))
      .limit(q.limit + 1);
    const shown = rows.slice(0, q.limit);
    const items = new Map((await summaries(u.db, shown)).map((i) => [i.id, i]));
    const page = pageFrom(rows, q.limit, listKeys, (r) => items.get(r.id)!);
    u.shown('support_request', shown.map((r) => r.id));
    u.shown('consult', shown.flatMap((r) => (r.consultId ? [r.consultId] : [])));
    u.audit({ action: 'hart_support.list', recordType, detail: { status: q.status ?? null, more: page.nextCursor !== null } });
    return page;
  });
}

/** A request shown after a read or a change: it and its consult are named in the unit's audit. */
function shownView(u: Unit, ctx: ObligationContext, row: Row): Promise<SupportView> {
  u.read('support_request', row.id);
  if (row.consultId) u.read('consult', row.consultId);
  return viewOf(u.db, ctx, u.user, row);
}

export async function readSupport(repo: UserRepository, ctx: ObligationContext, id: string): Promise<SupportView> {
  return repo.unit(async (u) => shownView(u, ctx, await u.get('support_request', id)));
}

/** LD-2: a liaison asks the region's HART Lead for support, about a consult of their office or in general. */
export async function requestSupport(repo: UserRepository, ctx: ObligationContext, body: SupportRequestBody): Promise<{ view: SupportView; created: boolean }> {
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    if (body.idempotencyKey) {
      // A retry is looked up within the caller's reach: another's request by the same key is not found.
      const [earlier] = await tx
        .select({ row: supportRequests, inReach: sql<boolean>`(${u.scope('support_request')})` })
        .from(supportRequests)
        .where(eq(supportRequests.idempotencyKey, body.idempotencyKey))
        .limit(1);
      if (earlier) {
        if (!earlier.inReach) throw notFound('support request');
        if (earlier.row.requestedBy !== user.id) throw badRequest('idempotencyKey', 'This key was used for another request');
        u.audit({ action: 'hart_support.request', recordType, recordId: earlier.row.id, detail: { replayed: true } });
        return { view: await shownView(u, ctx, earlier.row), created: false };
      }
    }
    let subject: { subjectType: string; subjectId: string } | null = null;
    if (body.consultId) {
      const [c] = await tx
        .select({ subjectType: consults.subjectType, subjectId: consults.subjectId })
        .from(consults)
        .where(and(eq(consults.id, body.consultId), eq(consults.officeId, user.officeId), u.scope('consult')))
        .limit(1);
      if (!c) throw badRequest('consultId', 'No such consult in your office');
      subject = c;
    }
    const id = crypto.randomUUID();
    const now = ctx.clock.now();
    const row: Row = {
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
      answeredBy: null,
      answeredAt: null,
      answerSealed: null,
      escalatedBy: null,
      escalatedAt: null,
      escalationSealed: null,
      directorBy: null,
      directorAt: null,
      directorSealed: null,
      idempotencyKey: body.idempotencyKey ?? null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await tx.insert(supportRequests).values(row);
    u.audit({ action: 'hart_support.request', recordType, recordId: id, detail: { kind: body.kind, consultId: body.consultId ?? null } });
    return { view: await shownView(u, ctx, row), created: true };
  });
}

type Step = (row: Row, user: AuthUser, regionCode: string | null, now: Date) => { set: Partial<typeof supportRequests.$inferInsert>; detail?: Record<string, unknown> };

async function step(repo: UserRepository, ctx: ObligationContext, id: string, version: number, action: string, work: Step): Promise<SupportView> {
  return repo.unit(async (u) => {
    const row = await u.get('support_request', id, { lock: true });
    const [office] = await u.db.select({ regionCode: offices.regionCode }).from(offices).where(eq(offices.id, row.officeId));
    const now = ctx.clock.now();
    const { set, detail } = work(row, u.user, office?.regionCode ?? null, now);
    if (row.version !== version) throw conflict('Someone else changed this request since you opened it. Reload to see their change.');
    const updated: Row = { ...row, ...set, updatedAt: now, version: row.version + 1 };
    await u.db.update(supportRequests).set({ ...set, updatedAt: now, version: row.version + 1 }).where(eq(supportRequests.id, id));
    u.audit({ action, recordType, recordId: id, detail: { from: row.status, to: updated.status, ...detail } });
    return shownView(u, ctx, updated);
  });
}

/** LD-2: the region's HART Lead answers; the request is closed. */
export function answerSupport(repo: UserRepository, ctx: ObligationContext, id: string, body: SupportAnswerBody): Promise<SupportView> {
  return step(repo, ctx, id, body.version, 'hart_support.answer', (row, user, region, now) => {
    if (!leadOf(user, region)) throw forbidden();
    if (row.status !== 'open') throw conflict('This request is no longer open.');
    return { set: { status: 'answered', answeredBy: user.id, answeredAt: now, answerSealed: ctx.vault.seal(body.answer, at('answer', row.id)) } };
  });
}

/** LD-4: the Lead escalates to the HART Director what cannot be handled locally, saying why. */
export function escalateSupport(repo: UserRepository, ctx: ObligationContext, id: string, body: SupportEscalateBody): Promise<SupportView> {
  return step(repo, ctx, id, body.version, 'hart_support.escalate', (row, user, region, now) => {
    if (!leadOf(user, region)) throw forbidden();
    if (row.status !== 'open') throw conflict('This request is no longer open.');
    return { set: { status: 'escalated', escalatedBy: user.id, escalatedAt: now, escalationSealed: ctx.vault.seal(body.reason, at('escalation', row.id)) } };
  });
}

/** DR-3: the HART Director answers an escalation; the request is resolved. */
export function respondToEscalation(repo: UserRepository, ctx: ObligationContext, id: string, body: SupportDirectorBody): Promise<SupportView> {
  return step(repo, ctx, id, body.version, 'hart_support.director_response', (row, user, _region, now) => {
    if (!isDirector(user)) throw forbidden();
    if (row.status !== 'escalated') throw conflict('Only an escalated request takes the Director’s response.');
    return { set: { status: 'resolved', directorBy: user.id, directorAt: now, directorSealed: ctx.vault.seal(body.response, at('director', row.id)) } };
  });
}
