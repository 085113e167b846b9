import type { AuthUser } from '../access/index.js';
import type { ConsultRow } from './request.js';

/**
 * Who acts on a consult (decisions about actions, not reach: who reaches a consult at all is
 * `scopeFor(user, 'consult')` in access/scope.ts, applied by the data layer).
 */
export const recordType = 'consult';

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
