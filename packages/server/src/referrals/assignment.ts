import type { AssignReferralBody, InvestigatorView, Page, ReferralQueueQuery, ReferralSummaryView } from '@harbor/policy/api';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { assignableStaff, assignmentReach, servesOffice, type AuthUser } from '../access/index.js';
import type { Vault } from '../crypto/index.js';
import { afterCursor, orderOf, pageFrom, sortKey, type UnitDb, type UserRepository } from '../data/index.js';
import { assignments, offices, referrals, userRoles, users } from '../db/schema.js';
import { HttpError, conflict, notFound } from '../http/errors.js';
import { endReachOverChildren, shareReachWithChildren } from './children.js';
import { handDutiesToInvestigator } from './duties.js';
import { recordType, rowsOf, summary, summaryColumns, type RecordContext, type SummaryRow } from './service.js';

/**
 * CL-5: an accepted referral goes to the Regional Office or the SIU (set on acceptance) and waits
 * in that office's queue until a supervisor assigns an investigation social worker. The worker's
 * assignment gives them the referral (assigned reach); a reassignment ends the earlier one.
 */
const waiting = (user: AuthUser) => and(eq(referrals.status, 'accepted'), assignmentReach(user, referrals.assignedOfficeCode));

/** Soonest due first, then by id (index referrals_assignment_queue_idx). An accepted referral always has its response due time (CL-6). */
const queueKeys = [
  sortKey<SummaryRow>(sql`${referrals.responseDueAt}`, 'asc', 'date', (r) => r.responseDueAt ?? r.createdAt),
  sortKey<SummaryRow>(referrals.id, 'asc', 'text', (r) => r.id),
];

export async function assignmentQueue(repo: UserRepository, vault: Vault, q: ReferralQueueQuery): Promise<Page<ReferralSummaryView>> {
  return repo.unit(async (u) => {
    // The supervisor's queue reach (CL-5) is by the office the referral went to, not the referral scope: a supervisor does not read the referral itself.
    // The page's ids first, from the partial index alone (the planner cannot know that accepted
    // and unassigned together are rare: it would read every referral for the full columns); then
    // the page's rows by id, in that order.
    const ids = (
      await u.db
        .select({ id: referrals.id })
        .from(referrals)
        .where(and(waiting(u.user), isNull(referrals.investigatorId), afterCursor(queueKeys, q.cursor)))
        .orderBy(...orderOf(queueKeys))
        .limit(q.limit + 1)
    ).map((r) => r.id);
    const byId = new Map(ids.length === 0 ? [] : (await u.db.select(summaryColumns).from(referrals).where(inArray(referrals.id, ids))).map((r) => [r.id, r]));
    const rows = ids.flatMap((id) => byId.get(id) ?? []);
    const page = pageFrom(rows, q.limit, queueKeys, (r) => summary(r, vault));
    u.audit({ action: 'referral.assignment_queue', recordType });
    u.shown('referral', page.items.map((r) => r.id));
    return page;
  });
}

/**
 * CL-5: one referral of the caller's assignment queue, for the page that assigns it (the queue
 * may be longer than any page of it). The same reach as the queue: accepted, no investigator yet,
 * sent to an office the supervisor's queue holds; anything else is "not found". Audited as a read.
 */
export async function assignmentEntry(repo: UserRepository, vault: Vault, id: string): Promise<ReferralSummaryView> {
  return repo.unit(async (u) => {
    const [row] = await u.db
      .select(summaryColumns)
      .from(referrals)
      .where(and(eq(referrals.id, id), waiting(u.user), isNull(referrals.investigatorId)))
      .limit(1);
    if (!row) throw notFound('referral');
    u.read('referral', id);
    return summary(row, vault);
  });
}

async function investigatorIn(tx: UnitDb, userId: string, officeCode: string): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`select u.id from ${users} u join ${userRoles} r on r.user_id = u.id and r.role = 'investigation_worker'
        where u.id = ${userId} and u.disabled_at is null and ${servesOffice(sql`u.office_id`, officeCode)}`,
  );
  return rows.length > 0;
}

export async function assignInvestigator(repo: UserRepository, ctx: RecordContext, id: string, body: AssignReferralBody): Promise<ReferralSummaryView> {
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    // CL-5: the supervisor reaches the referrals waiting in their queue (not the referral itself).
    const [current] = await tx.select(summaryColumns).from(referrals).where(and(eq(referrals.id, id), waiting(user))).limit(1).for('update');
    if (!current) throw notFound('referral');
    if (current.version !== body.version) throw conflict('Someone else changed this referral since you opened it. Reload to see their change.');
    if (!(await investigatorIn(tx, body.userId, current.assignedOfficeCode!))) {
      throw new HttpError(400, 'validation', 'Check these fields: userId', [
        { field: 'userId', message: `Choose an investigation social worker of the office this referral went to (${current.assignedOfficeCode})` },
      ]);
    }
    const now = ctx.clock.now();
    if (current.investigatorId && current.investigatorId !== body.userId) {
      await tx
        .update(assignments)
        .set({ endedAt: now })
        .where(and(eq(assignments.recordType, recordType), eq(assignments.recordId, id), eq(assignments.userId, current.investigatorId), isNull(assignments.endedAt)));
      await endReachOverChildren(tx, id, current.investigatorId, now);
    }
    if (current.investigatorId !== body.userId) {
      await tx.insert(assignments).values({ recordType, recordId: id, userId: body.userId, assignedAt: now });
      await shareReachWithChildren(tx, id, now);
    }
    // CL-5: the duties waiting for the assignee are the investigator's now.
    if (current.investigatorId !== body.userId) await handDutiesToInvestigator(tx, ctx, id, body.userId, current.investigatorId, user.id);
    const changes = { investigatorId: body.userId, updatedAt: now, version: current.version + 1 };
    await tx
      .update(referrals)
      .set({ ...changes, investigatorAssignedAt: now })
      .where(eq(referrals.id, id));
    u.audit({
      action: 'referral.assign',
      recordType,
      recordId: id,
      detail: { userId: body.userId, officeCode: current.assignedOfficeCode, previous: current.investigatorId },
    });
    return summary({ ...current, ...changes }, ctx.vault);
  });
}


/**
 * CL-5: the investigation social workers a supervisor may assign: those of the offices that serve
 * the supervisor's queue (their own office, and every office of their region for a Regional
 * Office), with the referrals each holds now, so the work can be shared out fairly.
 */
type InvestigatorRow = { id: string; name: string; officeCode: string };
/** By office, then name, then id. */
const investigatorKeys = [
  sortKey<InvestigatorRow>(offices.code, 'asc', 'text', (r) => r.officeCode),
  sortKey<InvestigatorRow>(users.displayName, 'asc', 'text', (r) => r.name),
  sortKey<InvestigatorRow>(users.id, 'asc', 'text', (r) => r.id),
];

export async function investigators(repo: UserRepository, q: ReferralQueueQuery): Promise<Page<InvestigatorView>> {
  return repo.unit(async (u) => {
    const open = sql<number>`(select count(*)::int from ${assignments} a where a.user_id = ${users.id} and a.record_type = ${recordType} and a.ended_at is null)`;
    const rows = await u.db
      .select({ id: users.id, name: users.displayName, officeCode: offices.code, open })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'investigation_worker')))
      .innerJoin(offices, eq(offices.id, users.officeId))
      .where(and(isNull(users.disabledAt), assignableStaff(u.user, sql`${users.officeId}`), afterCursor(investigatorKeys, q.cursor)))
      .orderBy(...orderOf(investigatorKeys))
      .limit(q.limit + 1);
    const page = pageFrom(rows, q.limit, investigatorKeys, (r) => ({ id: r.id, name: r.name, officeCode: r.officeCode, openAssignments: Number(r.open) }));
    u.audit({ action: 'referral.investigators', recordType: 'user', detail: { count: page.items.length } });
    return page;
  });
}
