import { completedByFlow, dutyLabel, dutyPageActions } from '@harbor/policy';
import type { CompleteObligationBody, ComplianceQuery, ComplianceView, NotNeededBody, ObligationView, WorkItemView, WorkUnitQuery } from '@harbor/policy/api';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor, AuthUser } from '../access/index.js';
import { audited } from '../audit/index.js';
import { queryRows, type Db } from '../db/client.js';
import { obligationEvents, obligations } from '../db/schema.js';
import { conflict, forbidden, notFound } from '../http/errors.js';
import { compliance } from './compliance.js';
import { findObligation, myWork, unitWork } from './queries.js';
import { reachable, resolves } from '../access/index.js';
import { sealResolution, type ObligationContext } from './service.js';

/** The duty services behind /api/work, /api/compliance and /api/obligations: each read and change audited. */
const recordType = 'obligation';

function requireUser(actor: Actor): AuthUser {
  if (!actor.user) throw notFound('duty');
  return actor.user;
}

export async function readMyWork(db: Db, ctx: ObligationContext, actor: Actor): Promise<WorkItemView[]> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const items = await myWork(tx, user, ctx.clock.now());
    await audit({ action: 'work.read', recordType, detail: { count: items.length, ids: items.map((i) => i.id) } });
    return items;
  });
}

export async function readUnitWork(db: Db, ctx: ObligationContext, actor: Actor, q: WorkUnitQuery): Promise<WorkItemView[]> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const items = await unitWork(tx, user, ctx.clock.now(), q);
    await audit({ action: 'work.unit', recordType, detail: { count: items.length, filters: { ...q }, ids: items.map((i) => i.id) } });
    return items;
  });
}

export async function readCompliance(db: Db, ctx: ObligationContext, actor: Actor, q: ComplianceQuery): Promise<ComplianceView> {
  requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const view = await compliance(tx, ctx, q);
    await audit({ action: 'compliance.read', recordType: 'consult', detail: { from: view.from, to: view.to, overdueConsults: view.overdueConsults.length } });
    return view;
  });
}

export async function readObligation(db: Db, ctx: ObligationContext, actor: Actor, id: string): Promise<ObligationView> {
  const user = requireUser(actor);
  const view = await audited(db, actor, async (tx, audit) => {
    const found = await findObligation(tx, ctx.vault, user, id, ctx.clock.now());
    if (found) await audit({ action: 'obligation.read', recordType, recordId: id, detail: { clause: found.clause, subjectType: found.subjectType, subjectId: found.subjectId } });
    return found;
  });
  if (!view) throw notFound('duty');
  return view;
}

type Change = { kind: 'done'; body: CompleteObligationBody } | { kind: 'not_needed'; body: NotNeededBody };

async function resolve(db: Db, ctx: ObligationContext, actor: Actor, id: string, change: Change): Promise<ObligationView> {
  const user = requireUser(actor);
  const view = await audited(db, actor, async (tx, audit) => {
    const [o] = await tx
      .select()
      .from(obligations)
      .where(and(eq(obligations.id, id), sql`exists (select 1 from obligations o where o.id = ${obligations.id} and ${reachable(user)})`))
      .for('update');
    if (!o) return null;
    if (o.state !== 'open' && o.state !== 'overdue') throw conflict(o.state === 'done' ? 'This duty is already done.' : 'This duty was already marked not needed.');
    if (o.version !== change.body.version) throw conflict('Someone else changed this duty since you opened it. Reload to see their change.');
    // Its owner closes it, or the office's supervisor for an absent worker; those it was escalated
    // to see it and press for it.
    const [may] = await queryRows<{ ok: boolean }>(tx, sql`select ${resolves(user)} as ok from obligations o where o.id = ${o.id}`);
    if (!may?.ok) throw forbidden('Only the duty’s owner, or a supervisor of its office, can close it.');
    // A duty with its own workflow (the consult requested, held, entered; the DCF-737s; the new
    // referral) or with more to record than a tick (IN-5, IN-6: on the checklist) is closed there;
    // one the policy requires cannot be marked not needed: a waiver would silence its escalation.
    const page = dutyPageActions(o.completes);
    if (change.kind === 'done' && !page.done) {
      throw conflict(`“${dutyLabel(o.completes)}” is completed on ${completedByFlow(o.completes) ? `its own page (${o.subjectType})` : 'the investigation checklist'}; it cannot be ticked here.`);
    }
    if (change.kind === 'not_needed' && !page.notNeeded) {
      throw conflict(page.done ? `The policy requires “${dutyLabel(o.completes)}”; it cannot be marked not needed.` : `“${dutyLabel(o.completes)}” is closed on ${completedByFlow(o.completes) ? `its own page (${o.subjectType})` : 'the investigation checklist'}; it cannot be marked not needed here.`);
    }
    const now = ctx.clock.now();
    const resolution =
      change.kind === 'done'
        ? { outcome: change.body.outcome, who: change.body.who ?? user.displayName, when: change.body.when ?? now.toISOString() }
        : { reason: change.body.reason };
    await tx
      .update(obligations)
      .set({
        state: change.kind,
        resolvedAt: now,
        resolvedBy: user.id,
        resolutionSealed: sealResolution(ctx.vault, o.id, resolution),
        nextCheckAt: null,
        updatedAt: now,
        version: o.version + 1,
      })
      .where(eq(obligations.id, o.id));
    await tx.insert(obligationEvents).values({ obligationId: o.id, at: now, kind: change.kind, actorId: user.id, detail: { late: now > o.dueAt } });
    await audit({ action: change.kind === 'done' ? 'obligation.complete' : 'obligation.not_needed', recordType, recordId: id, detail: { clause: o.clause, late: now > o.dueAt } });
    return findObligation(tx, ctx.vault, user, id, now);
  });
  if (!view) throw notFound('duty');
  return view;
}

export const completeObligation = (db: Db, ctx: ObligationContext, actor: Actor, id: string, body: CompleteObligationBody) => resolve(db, ctx, actor, id, { kind: 'done', body });
export const markNotNeeded = (db: Db, ctx: ObligationContext, actor: Actor, id: string, body: NotNeededBody) => resolve(db, ctx, actor, id, { kind: 'not_needed', body });
