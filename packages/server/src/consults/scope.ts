import { sql, type SQL } from 'drizzle-orm';
import type { AuthUser } from '../access/index.js';
import { consults } from '../db/schema.js';
import { notFound } from '../http/errors.js';
import type { Actor } from '../access/index.js';
import type { ConsultRow } from './request.js';

/**
 * Who reaches a consult (consult.read): the HART liaison and supervisors of its office (office
 * scope), the HART Lead of its region (region scope), the HART Director (statewide), and the
 * worker assigned to its referral or case now (any scope). Anything else is not found.
 */
export function consultScope(user: AuthUser): SQL {
  // The worker's reach lasts as long as their assignment to the record: a worker taken off the
  // case no longer reads its consults, even one they asked for.
  const mine = sql`(exists (select 1 from assignments a where a.record_type = ${consults.subjectType} and a.record_id = ${consults.subjectId} and a.user_id = ${user.id} and a.ended_at is null)
    or (${consults.subjectType} = 'referral' and exists (select 1 from referrals r where r.id = ${consults.subjectId} and r.investigator_id = ${user.id}))
    or (${consults.subjectType} = 'case' and exists (select 1 from cases c where c.id = ${consults.subjectId} and c.worker_id = ${user.id})))`;
  switch (user.scope) {
    case 'statewide':
      return sql`true`;
    case 'region':
      return user.regionCode ? sql`(${consults.officeId} in (select o.id from offices o where o.region_code = ${user.regionCode}) or ${mine})` : mine;
    case 'office':
      return sql`(${consults.officeId} = ${user.officeId} or ${mine})`;
    case 'assigned':
      return mine;
    case 'none':
      return sql`false`;
  }
}

export const recordType = 'consult';

export function requireUser(actor: Actor): AuthUser {
  if (!actor.user) throw notFound('consult');
  return actor.user;
}

/** HL-1, HL-3, HL-5: the HART liaison(s) of the consult's area office hold, map and enter it. */
export const isLiaisonOf = (user: AuthUser, officeId: string): boolean => user.roles.includes('hart_liaison') && user.officeId === officeId;

/**
 * HL-3: who may override the Decision Map: a supervisor of the consult's office, the HART Lead of
 * its region, or the HART Director; never the liaison who held it (no one reviews their own map).
 */
export function mayOverride(user: AuthUser, consult: Pick<ConsultRow, 'officeId' | 'liaisonId'>, officeRegion: string | null): boolean {
  if (!user.permissions.has('consult.override') || user.id === consult.liaisonId) return false;
  if (user.roles.includes('hart_director')) return true;
  if (user.roles.includes('hart_lead') && officeRegion !== null && user.regionCode === officeRegion) return true;
  return user.roles.includes('supervisor') && user.officeId === consult.officeId;
}
