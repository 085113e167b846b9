import { completedByFlow, dutyLabel, dutyPageActions } from '@harbor/policy';
import type { CompleteObligationBody, ComplianceQuery, ComplianceView, NotNeededBody, ObligationView, Page, WorkItemView, WorkListQuery, WorkOwnersQuery, WorkOwnerView, WorkUnitQuery } from '@harbor/policy/api';
import { eq, sql } from 'drizzle-orm';
import type { RecordKind } from '../access/index.js';
import { queryRows, type Unit, type UserRepository } from '../data/index.js';
import { obligationEvents, obligations } from '../db/schema.js';
import { conflict, forbidden, notFound } from '../http/errors.js';
import { compliance } from './compliance.js';
import { findObligation, myWork, unitOwners, unitWork } from './queries.js';
import { resolves } from '../access/index.js';
import { sealResolution, type ObligationContext } from './service.js';

/** The duty services behind /api/work, /api/compliance and /api/obligations: each read and change audited by the caller's unit. */
const recordType = 'obligation';

export async function readMyWork(repo: UserRepository, q: WorkListQuery): Promise<Page<WorkItemView>> {
  return repo.unit(async (u) => {
    const page = await myWork(u, q);
    u.audit({ action: 'work.read', recordType, detail: { count: page.items.length, more: page.nextCursor !== null } });
    return page;
  });
}

export async function readUnitWork(repo: UserRepository, q: WorkUnitQuery): Promise<Page<WorkItemView>> {
  return repo.unit(async (u) => {
    const page = await unitWork(u, q);
    const { cursor: _cursor, ...filters } = q;
    u.audit({ action: 'work.unit', recordType, detail: { count: page.items.length, filters, more: page.nextCursor !== null } });
    return page;
  });
}

/** The owner filter's choices: staff names, no child record (the row counts them). */
export async function readUnitOwners(repo: UserRepository, q: WorkOwnersQuery): Promise<Page<WorkOwnerView>> {
  return repo.unit(async (u) => {
    const page = await unitOwners(u, q);
    u.audit({ action: 'work.unit_owners', recordType: 'user', detail: { count: page.items.length, more: page.nextCursor !== null } });
    return page;
  });
}

export async function readCompliance(repo: UserRepository, ctx: ObligationContext, q: ComplianceQuery): Promise<ComplianceView> {
  return repo.unit(async (u) => {
    const view = await compliance(u.db, ctx, q);
    // The overdue consults it lists are named in the row (detail.ids).
    u.shown('consult', view.overdueConsults.map((k) => k.id));
    u.audit({ action: 'compliance.read', recordType: 'consult', detail: { from: view.from, to: view.to, overdueConsults: view.overdueConsults.length } });
    return view;
  });
}

const subjectKind = (t: string): RecordKind | null => (t === 'referral' || t === 'case' || t === 'consult' ? t : t === 'child' ? 'person' : null);

/** The record a duty is about, shown with it: read as the duty's subject. */
function readSubject(u: Unit, view: ObligationView): void {
  const kind = subjectKind(view.subjectType);
  if (kind) u.read(kind, view.subjectId);
}

export async function readObligation(repo: UserRepository, ctx: ObligationContext, id: string): Promise<ObligationView> {
  return repo.unit(async (u) => {
    const found = await findObligation(u.db, ctx.vault, u.user, id);
    if (!found) throw notFound('duty');
    u.audit({ action: 'obligation.read', recordType, recordId: id, detail: { clause: found.clause, subjectType: found.subjectType, subjectId: found.subjectId } });
    readSubject(u, found);
    return found;
  });
}

type Change = { kind: 'done'; body: CompleteObligationBody } | { kind: 'not_needed'; body: NotNeededBody };

async function resolve(repo: UserRepository, ctx: ObligationContext, id: string, change: Change): Promise<ObligationView> {
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    const o = await u.get('obligation', id, { lock: true });
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
    u.audit({ action: change.kind === 'done' ? 'obligation.complete' : 'obligation.not_needed', recordType, recordId: id, detail: { clause: o.clause, late: now > o.dueAt } });
    // The view with its history (the event just written among it).
    const view = await findObligation(tx, ctx.vault, user, id);
    if (!view) throw notFound('duty');
    readSubject(u, view);
    return view;
  });
}

export const completeObligation = (repo: UserRepository, ctx: ObligationContext, id: string, body: CompleteObligationBody) => resolve(repo, ctx, id, { kind: 'done', body });
export const markNotNeeded = (repo: UserRepository, ctx: ObligationContext, id: string, body: NotNeededBody) => resolve(repo, ctx, id, { kind: 'not_needed', body });
