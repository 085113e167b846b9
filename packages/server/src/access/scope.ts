import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { cases, consults, obligations, offices, people, referrals, supportRequests } from '../db/schema.js';
import { caseScope, draftScope, officeReach, personScope, recordScope } from './decide.js';
import { overseesOffice, reachable } from './duty-reach.js';
import type { AuthUser } from './types.js';

/**
 * Issue 11: the one place that says which records of a kind a user reaches. Every query of child
 * records (a read by id, a list, a retry looked up by its idempotency key) is limited by
 * `scopeFor(user, kind)`; the data layer (`data/`) applies it, and services never write a scope
 * switch of their own. Out of reach is "not found" (CF-1): the predicate simply returns no row.
 *
 * Each predicate is written over the kind's own table (`referrals`, `cases` ...) as Drizzle
 * columns, so it composes with every query that selects from that table.
 */
export const recordKinds = ['referral', 'case', 'person', 'consult', 'support_request', 'obligation', 'investigation'] as const;
export type RecordKind = (typeof recordKinds)[number];

/** The noun a refusal names ("No such <noun>, or you do not have access to it."). */
export const recordNoun: Record<RecordKind, string> = {
  referral: 'referral',
  case: 'case',
  person: 'person',
  consult: 'consult',
  support_request: 'support request',
  obligation: 'duty',
  investigation: 'investigation',
};

/** Whether the user holds the record by an assignment that has not ended. */
export const assignedTo = (user: AuthUser, recordType: SQL | string, recordId: SQL | AnyPgColumn): SQL =>
  sql`exists (select 1 from assignments a where a.record_type = ${recordType} and a.record_id = ${recordId} and a.user_id = ${user.id} and a.ended_at is null)`;

/** The offices of the user's region, as a subquery (`office_id in ...`). */
export const regionOffices = (regionCode: string): SQL => sql`(select o.id from offices o where o.region_code = ${regionCode})`;

/**
 * Who reaches a consult (consult.read): the HART liaison and supervisors of its office (office
 * scope), the HART Lead of its region (region scope), the HART Director (statewide), and the
 * worker assigned to its referral or case now (whatever the scope). The worker's reach lasts as long as
 * the assignment: a worker taken off the case no longer reads its consults, even one they asked for.
 */
export function consultScope(user: AuthUser): SQL {
  const mine = sql`(${assignedTo(user, sql`${consults.subjectType}`, sql`${consults.subjectId}`)}
    or (${consults.subjectType} = 'referral' and exists (select 1 from referrals r where r.id = ${consults.subjectId} and r.investigator_id = ${user.id}))
    or (${consults.subjectType} = 'case' and exists (select 1 from cases c where c.id = ${consults.subjectId} and c.worker_id = ${user.id})))`;
  // The scope switch of every record filed with an office (recordScope's), with the consult's own "mine".
  return officeReach(user, consults.officeId, mine);
}

/** HART support requests (LD-2, DR-3, DR-4): the Director every one; a Lead those of the region's offices; anyone else their own. */
export function supportScope(user: AuthUser): SQL {
  if (user.scope === 'statewide') return sql`true`;
  const own = eq(supportRequests.requestedBy, user.id);
  if (user.scope === 'region' && user.regionCode) return sql`(${supportRequests.officeId} in ${regionOffices(user.regionCode)} or ${own})`;
  return own;
}

/** The area offices whose HART teams the user reads (LD-1): the state, the region, or the user's own office. */
export function teamReach(user: AuthUser): SQL {
  switch (user.scope) {
    case 'statewide':
      return sql`true`;
    case 'region':
      return user.regionCode ? eq(offices.regionCode, user.regionCode) : eq(offices.id, user.officeId);
    default:
      return eq(offices.id, user.officeId);
  }
}

/** The area office of an accepted referral's town (the office its investigation duties belong to). */
export const referralAreaOffice = sql`(select o.id from towns t join offices o on o.code = t.area_office_code where t.name = ${referrals.townName})`;

/**
 * An accepted referral's investigation (IN-1 .. IN-8): read by its assigned investigation worker
 * and by those who oversee the area office's work; `write` only by the assigned worker.
 */
export function investigationScope(user: AuthUser, write = false): SQL {
  const reach = write ? eq(referrals.investigatorId, user.id) : sql`(${referrals.investigatorId} = ${user.id} or ${overseesOffice(user, referralAreaOffice)})`;
  return and(eq(referrals.status, 'accepted'), reach) as SQL;
}

/** The duties the user reaches (`access/duty-reach.ts`), over the `obligations` table. */
const dutyScope = (user: AuthUser): SQL => sql`exists (select 1 from obligations o where o.id = ${obligations.id} and ${reachable(user)})`;

/** The records of a kind the user reaches, as a condition on that kind's table. */
export function scopeFor(user: AuthUser, kind: RecordKind): SQL {
  switch (kind) {
    case 'referral':
      return draftScope(user, { officeId: referrals.officeId, recordId: referrals.id, status: referrals.status, createdBy: referrals.createdBy }, 'referral');
    case 'case':
      return caseScope(user, { officeId: cases.officeId, recordId: cases.id, htConcernAt: cases.htConcernAt });
    case 'person':
      return personScope(user, { officeId: people.officeId, recordId: people.id });
    case 'consult':
      return consultScope(user);
    case 'support_request':
      return supportScope(user);
    case 'obligation':
      return dutyScope(user);
    case 'investigation':
      return investigationScope(user);
  }
}

const hartRoles = ['hart_liaison', 'hart_lead', 'hart_director'];

/**
 * HL-1: a HART consult on the referral or case, of an office within the HART caller's reach:
 * the HART staff holding it read the record's timeline. False for anyone else.
 */
export function viaHartConsult(user: AuthUser, subjectType: 'referral' | 'case', subjectId: SQL | AnyPgColumn): SQL {
  if (!user.permissions.has('consult.read') || !user.roles.some((r) => hartRoles.includes(r))) return sql`false`;
  return sql`exists (select 1 from ${consults} where ${consults.subjectType} = ${subjectType} and ${consults.subjectId} = ${subjectId}
    and ${recordScope(user, { officeId: consults.officeId, recordId: consults.id }, 'consult')})`;
}

/** A case the user reaches (`scopeFor(user, 'case')`) or holds as its ongoing worker, over `cases`. */
export function caseOrWorker(user: AuthUser): SQL {
  return sql`(${scopeFor(user, 'case')} or ${cases.workerId} = ${user.id})`;
}

/**
 * Who reads a record's timeline (issue 4 item 8), over the kind's own table: whoever reads the
 * record (a case: also its ongoing worker), and the HART staff holding a consult on it within
 * their reach. A referral's timeline starts at its submission (a draft has none).
 */
export function timelineScope(user: AuthUser, kind: 'referral' | 'case'): SQL {
  if (kind === 'referral') {
    const own = user.permissions.has('referral.read') ? scopeFor(user, 'referral') : sql`false`;
    return sql`(${referrals.status} <> 'draft' and (${own} or ${viaHartConsult(user, 'referral', referrals.id)}))`;
  }
  const own = user.permissions.has('case.read') ? caseOrWorker(user) : sql`false`;
  return sql`(${own} or ${viaHartConsult(user, 'case', cases.id)})`;
}
