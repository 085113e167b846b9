import { dutyWaivers, investigationDutyLabels, type InvestigationDutyCode } from './obligations-investigation.js';

/**
 * How a duty is named to people (work queues, reminders): a short label per completing action,
 * with no child data. Unknown actions (rules added later) get their code in words.
 */
const carelineDutyLabels = {
  police_phoned: 'Phone local police about the HT referral (immediately)',
} as const;

/**
 * The Careline's own duties on a referral (CL-4's phone call, owned by the worker who submitted
 * it): not items of the investigation checklist, and not handed to the investigation worker.
 */
export const carelineIntakeActions: readonly string[] = Object.keys(carelineDutyLabels);
const hartDutyLabels = {
  consult_held: 'Hold the HART consult',
  consult_entered: 'Enter the HART consult',
  monthly_data_entered: 'Enter the month’s HART data',
} as const;

/** What completes each known duty (the `completes` of the rules), as a type for words kept elsewhere (translations). */
export type DutyCode = InvestigationDutyCode | keyof typeof carelineDutyLabels | keyof typeof hartDutyLabels;
const labels: Readonly<Record<DutyCode, string>> = { ...carelineDutyLabels, ...investigationDutyLabels, ...hartDutyLabels } as Record<DutyCode, string>;
/** Every known duty, in the order of `labels`. */
export const dutyCodes: readonly DutyCode[] = Object.keys(labels) as DutyCode[];
const known: Readonly<Record<string, string | undefined>> = labels;

export function dutyLabel(completes: string): string {
  const label = known[completes];
  if (label) return label;
  const words = completes.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Actions whose own workflow completes the duty (the consult is held or entered on the consult's
 * page, HL-1 and HL-5; requested from the checklist or the case, IN-1, OG-1; the HT concern's
 * notices and referral, OG-2, OG-3; IN-4's one action; CL-4's phone call, closed by recording it
 * on the referral): a tick cannot. (HL-5's month of data is
 * ticked on the duty's page, or entered with POST /api/hart/monthly-data.)
 */
export const flowCompletedActions: readonly string[] = [
  'consult_held',
  'consult_entered',
  'consult_requested',
  'dcf737_sent',
  'red_flags_assessed',
  'careline_referral_made',
  'ht_referral_made',
  'police_phoned',
];

export const completedByFlow = (completes: string): boolean => flowCompletedActions.includes(completes);

/**
 * Checklist items whose completion records more than a tick: IN-6's emergency-department
 * assessment names the designated hospital, IN-5's joint response says whether it was joint.
 * They are closed on the investigation checklist only.
 */
export const checklistOnlyActions: readonly string[] = ['hospital_assessment_decided', 'joint_response_recorded'];

/**
 * What a duty's own page may do with it: tick it done, and mark it not needed only where the
 * policy allows skipping it ("if warranted", "as needed": IN-3, IN-6, OG-4). Everything else the
 * policy requires (CL-6, IN-7, IN-8, HL-5's monthly data ...) can only be done.
 */
export function dutyPageActions(completes: string): { done: boolean; notNeeded: boolean } {
  if (completedByFlow(completes) || checklistOnlyActions.includes(completes)) return { done: false, notNeeded: false };
  return { done: true, notNeeded: dutyWaivers[completes] === 'not_warranted' };
}
