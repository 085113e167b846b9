import type { AssignReferralBody, InvestigatorView, ReferralSummaryView } from '@harbor/policy/api';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { assignableStaff, assignmentReach, servesOffice, type Actor, type AuthUser } from '../access/index.js';
import { audited } from '../audit/index.js';
import type { Vault } from '../crypto/index.js';
import { queryRows, type Db, type DbOrTx } from '../db/client.js';
import { assignments, referrals, userRoles, users } from '../db/schema.js';
import { HttpError, conflict, notFound } from '../http/errors.js';
import { endReachOverChildren, shareReachWithChildren } from './children.js';
import { handDutiesToInvestigator } from './duties.js';
import { recordType, requireUser, summary, type RecordContext } from './service.js';

/**
 * CL-5: an accepted referral goes to the Regional Office or the SIU (set on acceptance) and waits
 * in that office's queue until a supervisor assigns an investigation social worker. The worker's
 * assignment gives them the referral (assigned reach); a reassignment ends the earlier one.
 */
const waiting = (user: AuthUser) => and(eq(referrals.status, 'accepted'), assignmentReach(user, referrals.assignedOfficeCode));

export async function assignmentQueue(db: Db, vault: Vault, actor: Actor): Promise<ReferralSummaryView[]> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const rows = await tx
      .select()
      .from(referrals)
      .where(and(waiting(user), isNull(referrals.investigatorId)))
      .orderBy(asc(referrals.responseDueAt), asc(referrals.id))
      .limit(200);
    await audit({ action: 'referral.assignment_queue', recordType, detail: { count: rows.length, ids: rows.map((r) => r.id) } });
    return rows.map((r) => summary(r, vault));
  });
}

async function investigatorIn(tx: DbOrTx, userId: string, officeCode: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select u.id from ${users} u join ${userRoles} r on r.user_id = u.id and r.role = 'investigation_worker'
        where u.id = ${userId} and u.disabled_at is null and ${servesOffice(sql`u.office_id`, officeCode)}`,
  );
  return rows.length > 0;
}

export async function assignInvestigator(db: Db, ctx: RecordContext, actor: Actor, id: string, body: AssignReferralBody): Promise<ReferralSummaryView> {
  const user = requireUser(actor);
  const view = await audited(db, actor, async (tx, audit) => {
    const [current] = await tx.select().from(referrals).where(and(eq(referrals.id, id), waiting(user))).limit(1).for('update');
    if (!current) return null;
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
    const [row] = await tx
      .update(referrals)
      .set({ investigatorId: body.userId, investigatorAssignedAt: now, updatedAt: now, version: current.version + 1 })
      .where(eq(referrals.id, id))
      .returning();
    await audit({
      action: 'referral.assign',
      recordType,
      recordId: id,
      detail: { userId: body.userId, officeCode: current.assignedOfficeCode, previous: current.investigatorId },
    });
    return summary(row!, ctx.vault);
  });
  if (!view) throw notFound('referral');
  return view;
}


/**
 * CL-5: the investigation social workers a supervisor may assign: those of the offices that serve
 * the supervisor's queue (their own office, and every office of their region for a Regional
 * Office), with the referrals each holds now, so the work can be shared out fairly.
 */
export async function investigators(db: Db, actor: Actor): Promise<InvestigatorView[]> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const rows = await queryRows<{ id: string; name: string; office_code: string; open: string | number }>(
      tx,
      sql`select u.id, u.display_name as name, o.code as office_code,
            (select count(*) from ${assignments} a where a.user_id = u.id and a.record_type = ${recordType} and a.ended_at is null) as open
          from ${users} u join ${userRoles} r on r.user_id = u.id and r.role = 'investigation_worker'
          join offices o on o.id = u.office_id
          where u.disabled_at is null and ${assignableStaff(user, sql`u.office_id`)}
          order by o.code, u.display_name, u.id limit 500`,
    );
    await audit({ action: 'referral.investigators', recordType: 'user', detail: { count: rows.length } });
    return rows.map((r) => ({ id: r.id, name: r.name, officeCode: r.office_code, openAssignments: Number(r.open) }));
  });
}
