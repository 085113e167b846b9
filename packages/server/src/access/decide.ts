import { permissionsOf, widestScope, type Permission, type Role } from '@harbor/policy';
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
  switch (user.scope) {
    case 'statewide':
      return sql`true`;
    case 'region':
      return user.regionCode
        ? sql`(${cols.officeId} in (select o.id from offices o where o.region_code = ${user.regionCode}) or ${assigned})`
        : assigned;
    case 'office':
      return sql`(${cols.officeId} = ${user.officeId} or ${assigned})`;
    case 'assigned':
      return assigned;
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
 * Services refuse to act for nobody: a signed-in user or an explicit system actor (CLI, seeding)
 * must be behind every call, whatever the route in front of it checked.
 */
export function assertActor(actor: Actor): void {
  if (!actor.user && !actor.system) throw unauthenticated();
}
