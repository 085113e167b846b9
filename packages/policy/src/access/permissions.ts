import type { Role } from './roles.js';

/**
 * Every action a route can ask for. Deny by default: an action a role is not given here is
 * refused. Record-level reach (which child records) is the role's scope, decided in the
 * server's access module from this data.
 */
export const permissions = [
  'session.use', // signed in: own profile, home page, reference data
  'person.read',
  'person.write',
  'user.read',
  'user.manage',
  'office.read',
  'office.manage',
  'audit.read',
  'outbox.read', // outgoing mail: delivery status of notices (never message bodies)
  'directory.read', // partner agencies notices go to (CL-4)
  'directory.manage',
  'referral.read', // Careline referrals (issue 3): drafts only by their author
  'referral.write',
  'referral.approve', // CL-2: a Careline supervisor approves a non-acceptance
  'referral.assign', // CL-5: a supervisor assigns an accepted referral to an investigation worker
  'referral.triage', // DR-1, DR-2: the HART Director's statewide queue and triage
] as const;

export type Permission = (typeof permissions)[number];

const caseworker: readonly Permission[] = ['session.use', 'person.read', 'person.write', 'office.read', 'directory.read'];
/**
 * Those who answer for the delivery of every notice see the whole outgoing mail (CL-4): the
 * Careline supervisor (failures are escalated to them) and the HART Director (DR-1). A Careline
 * worker sees the notices of their own referrals on the referral's page; the list shows every
 * referral's mail, so it is not theirs to read.
 */
const noticeWatcher: readonly Permission[] = [...caseworker, 'outbox.read'];

export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  careline_worker: [...caseworker, 'referral.read', 'referral.write'],
  careline_supervisor: [...noticeWatcher, 'referral.read', 'referral.write', 'referral.approve'],
  // The investigation worker reads the referrals assigned to them (assigned reach, CL-5).
  investigation_worker: [...caseworker, 'referral.read'],
  ongoing_worker: caseworker,
  supervisor: [...caseworker, 'referral.assign'],
  hart_liaison: caseworker,
  hart_lead: caseworker,
  hart_director: [...noticeWatcher, 'referral.read', 'referral.triage'],
  mdt_coordinator: ['session.use', 'person.read', 'office.read'],
  eligibility_coordinator: ['session.use', 'person.read', 'office.read'],
  training_coordinator: ['session.use', 'office.read'],
  // Least privilege: administrators run the system; they do not read children's records.
  administrator: ['session.use', 'user.read', 'user.manage', 'office.read', 'office.manage', 'audit.read', 'outbox.read', 'directory.read', 'directory.manage'],
  auditor: ['session.use', 'audit.read', 'user.read', 'office.read'],
};

/** The union of the permissions of the roles a user holds, sorted for stable output. */
export function permissionsOf(held: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const r of held) for (const p of rolePermissions[r]) set.add(p);
  return [...set].sort();
}
