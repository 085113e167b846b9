/**
 * Roles of the agency's staff (DESIGN.md "Who uses it"). A user holds one or more roles; what a
 * role may do is in `permissions.ts`, and how far its reach goes (its own office, its region,
 * the whole state, or only records assigned to the user) is its scope.
 */
export const roles = [
  'careline_worker',
  'careline_supervisor',
  'investigation_worker',
  'ongoing_worker',
  'supervisor',
  'hart_liaison',
  'hart_lead',
  'hart_director',
  'mdt_coordinator',
  'eligibility_coordinator',
  'training_coordinator',
  'administrator',
  'auditor',
] as const;

export type Role = (typeof roles)[number];

/** How far a role reaches over child records: the user's office, region, the state, or none. */
export type RecordScope = 'none' | 'assigned' | 'office' | 'region' | 'statewide';

export interface RoleDef {
  readonly role: Role;
  /** The agency's own name for the role, as shown to users. */
  readonly label: string;
  readonly scope: RecordScope;
  /** The home page the web app opens for this role. */
  readonly home: string;
}

export const roleDefs: Readonly<Record<Role, RoleDef>> = {
  careline_worker: { role: 'careline_worker', label: 'Careline worker', scope: 'assigned', home: 'careline' },
  careline_supervisor: { role: 'careline_supervisor', label: 'Careline supervisor', scope: 'statewide', home: 'careline' },
  investigation_worker: { role: 'investigation_worker', label: 'Intake/investigation social worker', scope: 'assigned', home: 'casework' },
  ongoing_worker: { role: 'ongoing_worker', label: 'Ongoing social worker', scope: 'assigned', home: 'casework' },
  supervisor: { role: 'supervisor', label: 'Supervisor/program manager', scope: 'office', home: 'supervision' },
  hart_liaison: { role: 'hart_liaison', label: 'HART liaison', scope: 'office', home: 'hart' },
  hart_lead: { role: 'hart_lead', label: 'HART lead', scope: 'region', home: 'hart' },
  hart_director: { role: 'hart_director', label: 'HART director', scope: 'statewide', home: 'hart-director' },
  mdt_coordinator: { role: 'mdt_coordinator', label: 'MDT coordinator', scope: 'assigned', home: 'mdt' },
  eligibility_coordinator: { role: 'eligibility_coordinator', label: 'Eligibility certification coordinator', scope: 'assigned', home: 'eligibility' },
  training_coordinator: { role: 'training_coordinator', label: 'Training coordinator', scope: 'none', home: 'training' },
  administrator: { role: 'administrator', label: 'Administrator', scope: 'none', home: 'admin' },
  auditor: { role: 'auditor', label: 'Auditor', scope: 'none', home: 'audit' },
};

const scopeRank: Readonly<Record<RecordScope, number>> = { none: 0, assigned: 1, office: 2, region: 3, statewide: 4 };

/** The widest record scope among the roles a user holds. */
export function widestScope(held: readonly Role[]): RecordScope {
  let best: RecordScope = 'none';
  for (const r of held) {
    const s = roleDefs[r].scope;
    if (scopeRank[s] > scopeRank[best]) best = s;
  }
  return best;
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/**
 * Roles whose work is the agency's open cases themselves: they read every case of their reach.
 * Other readers of cases (HART staff) read only the cases of their HT work (HL-2).
 */
export const caseworkRoles: readonly Role[] = ['investigation_worker', 'ongoing_worker', 'supervisor'];

/**
 * Roles that read a child's person record only through their HT work (an HT concern, a HART
 * consult, a referral with HT characteristics within their reach), as they read cases (CF-1).
 */
export const htWorkPersonReaders: readonly Role[] = ['hart_liaison', 'hart_lead'];

/** IN-1 "at intake: through the intake Program Manager": the area office's supervisor. */
export const intakeProgramManagerRole: Role = 'supervisor';
