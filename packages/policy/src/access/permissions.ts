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
  'approval.decide', // CF-1: list, approve or reject another administrator's change that gives reach to children's records
  'referral.read', // Careline referrals (issue 3): drafts only by their author
  'referral.write',
  'referral.approve', // CL-2: a Careline supervisor approves a non-acceptance
  'referral.assign', // CL-5: a supervisor assigns an accepted referral to an investigation worker
  'referral.triage', // DR-1, DR-2: the HART Director's statewide queue and triage
  // Issue 4: casework and HART consults.
  'work.read', // "My work": the duties (obligations) the user owns or that were escalated to them
  'work.oversee', // a supervisor's unit view: the duties of the people and records of their office (region for a HART Lead)
  'compliance.read', // DR-4: statewide compliance (consults within 72 hours, overdue duties by office)
  'obligation.update', // complete a duty, or mark it not needed with a reason
  'case.read', // open (ongoing) cases, within scope
  'case.write', // open a case, raise an HT concern on it (OG-1 .. OG-4)
  'investigation.write', // IN-1 .. IN-8: the investigation checklist of an assigned referral, IN-4's new referral
  'consult.read', // HART consults: a liaison those of their office; requesters their own
  'consult.request', // IN-1, OG-1: request a HART consult
  'consult.write', // HL-1, HL-3, HL-5: hold and enter a consult, complete the Decision Map
  'consult.override', // HL-3: a supervisor overrides the Decision Map's risk level, with a reason
  'hart_team.read', // LD-1: local HART teams and their meetings
  'hart_team.manage', // LD-1: the HART Lead keeps the region's teams; the Director every team
  'hart_support.request', // LD-2: a liaison asks the HART Lead for support on a case
  'hart_support.handle', // LD-2, LD-4: the Lead answers, or escalates to the HART Director
  'hart_support.read', // DR-3: the Director sees every escalation; a Lead their region's requests; a liaison their own
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

/** Duties: every role that owns casework sees its own work and completes it (issue 4). */
const duties: readonly Permission[] = ['work.read', 'obligation.update'];
const hart: readonly Permission[] = [...caseworker, ...duties, 'case.read', 'consult.read', 'consult.write', 'hart_team.read'];

export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  careline_worker: [...caseworker, 'referral.read', 'referral.write', 'work.read'],
  careline_supervisor: [...noticeWatcher, 'referral.read', 'referral.write', 'referral.approve', 'work.read', 'work.oversee'],
  // The investigation worker reads the referrals assigned to them (assigned reach, CL-5) and works their checklist (IN-1 .. IN-8).
  investigation_worker: [...caseworker, ...duties, 'referral.read', 'investigation.write', 'case.read', 'consult.read', 'consult.request'],
  ongoing_worker: [...caseworker, ...duties, 'case.read', 'case.write', 'consult.read', 'consult.request'],
  supervisor: [...caseworker, ...duties, 'referral.assign', 'work.oversee', 'case.read', 'case.write', 'consult.read', 'consult.request', 'consult.override', 'hart_team.read'],
  // LD-2: a liaison asks the Lead for support and reads their own requests.
  hart_liaison: [...hart, 'hart_support.request', 'hart_support.read'],
  hart_lead: [...hart, 'work.oversee', 'consult.override', 'hart_team.manage', 'hart_support.handle', 'hart_support.read'],
  hart_director: [
    ...noticeWatcher,
    ...duties,
    'referral.read',
    'referral.triage',
    'work.oversee',
    'compliance.read',
    'case.read',
    'consult.read',
    'consult.override',
    'hart_team.read',
    'hart_team.manage',
    'hart_support.handle',
    'hart_support.read',
  ],
  mdt_coordinator: ['session.use', 'person.read', 'office.read', 'work.read'],
  eligibility_coordinator: ['session.use', 'person.read', 'office.read', 'work.read'],
  training_coordinator: ['session.use', 'office.read'],
  // Least privilege: administrators run the system; they do not read children's records.
  administrator: ['session.use', 'user.read', 'user.manage', 'office.read', 'office.manage', 'audit.read', 'outbox.read', 'directory.read', 'directory.manage', 'approval.decide'],
  auditor: ['session.use', 'audit.read', 'user.read', 'office.read'],
};

/** The union of the permissions of the roles a user holds, sorted for stable output. */
export function permissionsOf(held: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const r of held) for (const p of rolePermissions[r]) set.add(p);
  return [...set].sort();
}
