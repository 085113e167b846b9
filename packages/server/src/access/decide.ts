import { caseworkRoles, htWorkPersonReaders, intakeProgramManagerRole, permissionsOf, widestScope, type Permission, type Role } from '@harbor/policy';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { unauthenticated } from '../http/errors.js';
import type { Actor, AuthUser } from './types.js';

/**
 * The one place that decides what a user may do. Deny by default: a permission a user's roles
 * do not grant is refused, and a record outside the user's scope is not found.
 */
export function can(user: AuthUser | null, permission: Permission | 'public' | 'authenticated'): boolean {
  if (permission === 'public') return true;
  if (!user) return false;
  if (permission === 'authenticated') return true;
  return user.permissions.has(permission);
}

export function derivePermissions(roles: readonly Role[]): { permissions: Set<Permission>; scope: AuthUser['scope'] } {
  return { permissions: new Set(permissionsOf(roles)), scope: widestScope(roles) };
}

/**
 * A WHERE condition that limits a query to the records the user may see, by the role's scope:
 * statewide, the user's region, the user's office, or only records assigned to the user (which
 * every scope includes). Used by every query of child records, so out-of-scope rows are simply
 * never returned.
 */
export function recordScope(
  user: AuthUser,
  cols: { officeId: AnyPgColumn; recordId: AnyPgColumn },
  recordType: string,
): SQL {
  const assigned = sql`exists (select 1 from assignments a where a.record_type = ${recordType} and a.record_id = ${cols.recordId} and a.user_id = ${user.id} and a.ended_at is null)`;
  return officeReach(user, cols.officeId, assigned);
}

/**
 * The scope switch itself, over records filed with an office (`officeId`): statewide, the offices
 * of the user's region, the user's office, or none; and in every scope the records that `own`
 * names as the user's (assigned to them for most kinds, consultScope's own rule for consults).
 * Without `own`: whether the office is within reach by the role's scope alone.
 */
export function officeReach(user: AuthUser, officeId: AnyPgColumn | SQL, own?: SQL): SQL {
  const orOwn = (inScope: SQL) => (own ? sql`(${inScope} or ${own})` : inScope);
  switch (user.scope) {
    case 'statewide':
      return sql`true`;
    case 'region':
      return user.regionCode ? orOwn(sql`${officeId} in (select o.id from offices o where o.region_code = ${user.regionCode})`) : (own ?? sql`false`);
    case 'office':
      return orOwn(sql`${officeId} = ${user.officeId}`);
    case 'assigned':
      return own ?? sql`false`;
    case 'none':
      return sql`false`;
  }
}

/**
 * A record with drafts (a Careline referral): the role's scope, and a draft only for the worker
 * who is writing it. A submitted record is reached by scope (a Careline worker by assignment, the
 * Careline supervisor and the HART Director statewide).
 */
export function draftScope(
  user: AuthUser,
  cols: { officeId: AnyPgColumn; recordId: AnyPgColumn; status: AnyPgColumn; createdBy: AnyPgColumn },
  recordType: string,
): SQL {
  return sql`(${recordScope(user, cols, recordType)} and (${cols.status} <> 'draft' or ${cols.createdBy} = ${user.id}))`;
}

/**
 * CL-5: the accepted referrals a supervisor (or program manager) assigns. An accepted referral
 * goes to a Regional Office or the SIU; it reaches the supervisors of that office and, for a
 * Regional Office, the supervisors of every area office of its region (where the investigation
 * workers sit). An SIU supervisor reaches the SIU's.
 */
export function assignmentReach(user: AuthUser, assignedOfficeCode: AnyPgColumn): SQL {
  // One IN over the offices (not an OR beside a subquery), so the queue's partial index is used.
  const ownRegion = user.regionCode ? sql` or (o.kind = 'regional_office' and o.region_code = ${user.regionCode})` : sql``;
  return sql`${assignedOfficeCode} in (select o.code from offices o where o.code = ${user.officeCode}${ownRegion})`;
}

/**
 * CL-5: whether a staff member's office serves the office an accepted referral went to: the
 * same office (the SIU's own workers), or an area office of a Regional Office's region.
 */
export function servesOffice(staffOfficeId: AnyPgColumn | SQL, assignedOfficeCode: string): SQL {
  return sql`exists (select 1 from offices ro join offices so on so.id = ${staffOfficeId}
    where ro.code = ${assignedOfficeCode} and (so.id = ro.id or (ro.kind = 'regional_office' and so.region_code = ro.region_code)))`;
}

/**
 * CL-5: the staff a supervisor may assign: those whose office serves an office of the
 * supervisor's assignment reach (`assignmentReach`): the supervisor's own office (the SIU's own
 * staff), and every office of the supervisor's region (a Regional Office's area offices).
 */
export function assignableStaff(user: AuthUser, staffOfficeId: AnyPgColumn | SQL): SQL {
  const sameRegion = user.regionCode ? sql` or so.region_code = ${user.regionCode}` : sql``;
  return sql`exists (select 1 from offices so where so.id = ${staffOfficeId} and (so.id = ${user.officeId}${sameRegion}))`;
}

/**
 * Services refuse to act for nobody: a signed-in user or an explicit system actor (CLI, seeding)
 * must be behind every call, whatever the route in front of it checked.
 */
export function assertActor(actor: Actor): void {
  if (!actor.user && !actor.system) throw unauthenticated();
}

/**
 * The open cases the user reaches: the role's scope; for a reader whose work is not casework
 * (HART staff), only a case with an HT concern or one a HART consult is about (least privilege,
 * HL-2).
 */
export function caseScope(user: AuthUser, cols: { officeId: AnyPgColumn; recordId: AnyPgColumn; htConcernAt: AnyPgColumn }): SQL {
  const scope = recordScope(user, cols, 'case');
  if (user.roles.some((r) => caseworkRoles.includes(r))) return scope;
  return sql`(${scope} and (${cols.htConcernAt} is not null or exists (select 1 from consults k where k.subject_type = 'case' and k.subject_id = ${cols.recordId})))`;
}

/**
 * The people the user reaches: the role's scope. HART liaisons and leads (`htWorkPersonReaders`)
 * read a person only through their HT work, the rule of `caseScope` (HL-2, CF-1): a person
 * assigned to them, or one that HT work within their reach is about: an open case with an HT
 * concern or a HART consult, a HART consult on a referral, or an accepted referral with HT
 * characteristics from a town whose area office they reach (before acceptance the child's record
 * is the Careline's alone: `newChildRecordOfficeCode`). A user holding another role that
 * reads people keeps that role's reach.
 */
export function personScope(user: AuthUser, cols: { officeId: AnyPgColumn; recordId: AnyPgColumn }): SQL {
  const scope = recordScope(user, cols, 'person');
  const broad = user.roles.some((r) => !htWorkPersonReaders.includes(r) && permissionsOf([r]).includes('person.read'));
  if (broad) return scope;
  const p = cols.recordId;
  const assigned = sql`exists (select 1 from assignments a where a.record_type = 'person' and a.record_id = ${p} and a.user_id = ${user.id} and a.ended_at is null)`;
  const htCase = sql`exists (select 1 from cases c where c.person_id = ${p} and ${officeReach(user, sql`c.office_id`)}
      and (c.ht_concern_at is not null or exists (select 1 from consults k where k.subject_type = 'case' and k.subject_id = c.id)))`;
  const consulted = sql`exists (select 1 from referral_children rc join consults k on k.subject_type = 'referral' and k.subject_id = rc.referral_id
      where rc.person_id = ${p} and ${officeReach(user, sql`k.office_id`)})`;
  const htReferral = sql`exists (select 1 from referral_children rc join referrals r on r.id = rc.referral_id
      join towns t on t.name = r.town_name join offices o on o.code = t.area_office_code
      where rc.person_id = ${p} and r.status = 'accepted' and r.ht_characteristics and ${officeReach(user, sql`o.id`)})`;
  return sql`(${assigned} or ${htCase} or ${consulted} or ${htReferral})`;
}

/** IN-1 at intake: the user is an intake Program Manager (their office's referrals, before assignment). */
export const isIntakeProgramManager = (user: AuthUser): boolean => user.roles.includes(intakeProgramManagerRole);
