import { sql, type SQL } from 'drizzle-orm';
import type { AuthUser } from './types.js';

/**
 * Who reaches a duty (issue 4, item 7). `o` is the obligations row alias in the caller's query.
 * - Mine: owned by me, owned through a role I hold in my office (or a statewide role with no
 *   office), or escalated to me (level 1 my office's supervisors, 2 my region's HART Lead, 3 the
 *   HART Director).
 * - Oversight (work.oversee): a supervisor their office's duties, a HART Lead their region's, the
 *   HART Director every office's.
 */
const list = (values: readonly string[]): SQL => (values.length ? sql.join(values.map((v) => sql`${v}`), sql`, `) : sql`null`);

const regionOffices = (user: AuthUser): SQL => (user.regionCode ? sql`(select ro.id from offices ro where ro.region_code = ${user.regionCode})` : sql`(select null::uuid)`);

/** Owned by me, or through a role I hold in my office (or a statewide role with no office). */
function owned(user: AuthUser): SQL {
  return sql`(o.owner_user_id = ${user.id}
    or (o.owner_user_id is null and o.owner_role in (${list(user.roles)}) and (o.owner_office_id = ${user.officeId} or o.owner_office_id is null)))`;
}

export function mine(user: AuthUser): SQL {
  const roles = list(user.roles);
  return sql`(${owned(user)}
    or exists (select 1 from obligation_events e where e.obligation_id = o.id and e.kind = 'escalated' and e.to_role in (${roles}) and (
         (e.to_role = 'supervisor' and e.to_office_id = ${user.officeId})
      or (e.to_role = 'hart_lead' and o.office_id in ${regionOffices(user)})
      or e.to_role = 'hart_director')))`;
}

/**
 * Whether the user oversees an office's work, by the role that gives the oversight (never by the
 * widest scope of all roles held: a Careline supervisor's statewide scope is for referrals).
 */
export function overseesOffice(user: AuthUser, officeId: SQL): SQL {
  if (!user.permissions.has('work.oversee')) return sql`false`;
  if (user.roles.includes('hart_director')) return sql`true`;
  const parts: SQL[] = [];
  if (user.roles.includes('hart_lead')) parts.push(sql`${officeId} in ${regionOffices(user)}`);
  if (user.roles.includes('supervisor') || user.roles.includes('careline_supervisor')) parts.push(sql`${officeId} = ${user.officeId}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export const oversight = (user: AuthUser): SQL => overseesOffice(user, sql`o.office_id`);

export const reachable = (user: AuthUser): SQL => sql`(${mine(user)} or ${oversight(user)})`;

/**
 * Who may close a duty (done, or not needed): its owner, or a supervisor of its office acting for
 * an absent worker. A HART Lead or the Director to whom it was escalated, or who oversees it, sees
 * it and presses for it, but does not tick another person's work.
 */
export const resolves = (user: AuthUser): SQL =>
  user.roles.includes('supervisor') ? sql`(${owned(user)} or o.office_id = ${user.officeId})` : owned(user);
