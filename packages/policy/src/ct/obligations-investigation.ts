import type { FactValue, ObligationRule, OwnerSpec } from '../obligations/engine.js';

/**
 * Investigation (IN-1 .. IN-8) and ongoing-case (OG-1 .. OG-4) duties (Policy 21-14, seeds 000
 * and 001). Event kinds and the facts they carry, beside those of `ct/obligations.ts`:
 * - `referral_accepted` (subjects.referral; officeId: the area office of the referral's town;
 *   facts.ht: the referral has HT characteristics (CL-1); facts.responseDueAt: the CL-6 response
 *   time). Nobody is assigned yet at acceptance, so the area office's supervisors (the intake
 *   Program Manager) own the duties until an investigation worker is assigned.
 * - `consult_held` (subjects.consult, and subjects.referral or subjects.case: what the consult is
 *   about; facts.subjectType: 'referral' or 'case'; facts.subjectWorkerId: the investigation or
 *   ongoing worker of that record, when one is assigned; assigneeId: the liaison who held it).
 * - `ht_identified_in_investigation` (subjects.referral: the investigation's referral; IN-4).
 * - `ht_concern_raised` (subjects.case; officeId: the case's area office; assigneeId: the case's
 *   ongoing worker; OG-1 .. OG-4).
 *
 * Where the policy gives no clock, the clock is ours, chosen so that the work cannot wait
 * unnoticed; each rule says which.
 */

/** The investigation worker once assigned; until then the area office's supervisors (intake Program Manager). */
const worker: OwnerSpec = { person: 'assignee', otherwise: { role: 'supervisor', office: 'subject' } };
const htReferral = { fact: 'ht', equals: true } as const;

export const investigationObligationRules: readonly ObligationRule[] = [
  {
    // IN-1: the policy gives no clock; ours is 1 business day, so the liaison's 72 hours (HL-1)
    // start early in the investigation.
    code: 'request_hart_consult',
    clause: 'IN-1',
    on: 'referral_accepted',
    subject: 'referral',
    owner: worker,
    due: { kind: 'business_days', days: 1 },
    completes: 'consult_requested',
    when: htReferral,
  },
  {
    // IN-5: "proceed jointly with law enforcement when possible": the joint response is the first
    // visit, so it is due by the response time (CL-6); the worker records it, or why not.
    code: 'respond_jointly_with_police',
    clause: 'IN-5',
    on: 'referral_accepted',
    subject: 'referral',
    owner: worker,
    due: { kind: 'fact', fact: 'responseDueAt' },
    completes: 'joint_response_recorded',
    when: htReferral,
  },
  {
    // IN-6: whether the child goes to a designated hospital's emergency department is decided
    // when the child is seen: by the response time (our clock; the policy gives none).
    code: 'hospital_assessment',
    clause: 'IN-6',
    on: 'referral_accepted',
    subject: 'referral',
    owner: worker,
    due: { kind: 'fact', fact: 'responseDueAt' },
    completes: 'hospital_assessment_decided',
    when: htReferral,
  },
  {
    // IN-6: medical and psychiatric treatment before placement, if warranted; our clock: the
    // response time, since a placement may follow the first visit.
    code: 'treatment_before_placement',
    clause: 'IN-6',
    on: 'referral_accepted',
    subject: 'referral',
    owner: worker,
    due: { kind: 'fact', fact: 'responseDueAt' },
    completes: 'treatment_before_placement_decided',
    when: htReferral,
  },
  {
    // IN-3: legal staff "as needed"; our clock: 5 business days.
    code: 'consult_legal',
    clause: 'IN-3',
    on: 'referral_accepted',
    subject: 'referral',
    owner: worker,
    due: { kind: 'business_days', days: 5 },
    completes: 'legal_consulted',
    when: htReferral,
  },
  {
    // IN-3: the Regional Resource Group "as needed"; our clock: 5 business days.
    code: 'consult_rrg',
    clause: 'IN-3',
    on: 'referral_accepted',
    subject: 'referral',
    owner: worker,
    due: { kind: 'business_days', days: 5 },
    completes: 'rrg_consulted',
    when: htReferral,
  },
  {
    // IN-2: once the consult is held, its outcome goes to the MDT; our clock: 5 business days
    // (the MDT's case review meets on its own calendar). Owned by the referral's investigation
    // worker, not the liaison who held the consult.
    code: 'share_consult_outcome_with_mdt',
    clause: 'IN-2',
    on: 'consult_held',
    subject: 'referral',
    owner: { person: { fact: 'subjectWorkerId' }, otherwise: { role: 'supervisor', office: 'subject' } },
    due: { kind: 'business_days', days: 5 },
    completes: 'consult_outcome_shared_with_mdt',
    when: { fact: 'subjectType', equals: 'referral' },
  },
  {
    // IN-4: HT first identified during an investigation: the new Careline referral, the HT
    // category and the Critical Incident, at once (Harbor does all three in the one action that
    // raises this, which completes it).
    code: 'refer_ht_found_in_investigation',
    clause: 'IN-4',
    on: 'ht_identified_in_investigation',
    subject: 'referral',
    owner: worker,
    due: { kind: 'immediately' },
    completes: 'ht_referral_made',
  },
  // Ongoing social worker, HT newly identified on an open case (seed 001).
  {
    // OG-1: the red-flag assessment is part of raising the concern (done by the raise itself).
    code: 'assess_red_flags',
    clause: 'OG-1',
    on: 'ht_concern_raised',
    subject: 'case',
    owner: worker,
    due: { kind: 'immediately' },
    completes: 'red_flags_assessed',
  },
  {
    // OG-1: the HART consult; Harbor requests it with the concern, so it is done at once.
    code: 'request_hart_consult_on_case',
    clause: 'OG-1',
    on: 'ht_concern_raised',
    subject: 'case',
    owner: worker,
    due: { kind: 'business_days', days: 1 },
    completes: 'consult_requested',
  },
  {
    // OG-2: the DCF-737 to the five parties, immediately (as at the Careline, CL-4).
    code: 'send_dcf737_on_case',
    clause: 'OG-2',
    on: 'ht_concern_raised',
    subject: 'case',
    owner: worker,
    due: { kind: 'immediately' },
    completes: 'dcf737_sent',
  },
  {
    // OG-2: the phone call to local police, immediately (as CL-4 at the Careline): a duty of the
    // case's ongoing worker, due at once, escalated like every other; recording the call on the
    // case (POST /api/cases/:id/phone-notices) closes it.
    code: 'phone_local_police_on_case',
    clause: 'OG-2',
    on: 'ht_concern_raised',
    subject: 'case',
    owner: worker,
    due: { kind: 'immediately' },
    completes: 'police_phoned',
  },
  {
    // OG-3: every new HT allegation goes to the Careline, at once.
    code: 'refer_new_allegation_to_careline',
    clause: 'OG-3',
    on: 'ht_concern_raised',
    subject: 'case',
    owner: worker,
    due: { kind: 'immediately' },
    completes: 'careline_referral_made',
  },
  {
    // OG-4: MDT collaboration and legal / RRG consults "as needed"; our clock: 5 business days.
    code: 'collaborate_mdt_legal_rrg',
    clause: 'OG-4',
    on: 'ht_concern_raised',
    subject: 'case',
    owner: worker,
    due: { kind: 'business_days', days: 5 },
    completes: 'mdt_legal_rrg_consulted',
  },
];

/** What the investigation checklist calls each duty, by what completes it. */
const investigationDuties = {
  child_seen: 'See the child by the response time',
  consult_requested: 'Request a HART consult from the area office HART liaison',
  joint_response_recorded: 'Respond jointly with law enforcement (or record why not)',
  hospital_assessment_decided: 'Emergency-department assessment at a designated hospital, if warranted',
  treatment_before_placement_decided: 'Medical and psychiatric treatment before placement, if warranted',
  legal_consulted: 'Consult DCF legal staff',
  rrg_consulted: 'Consult the Regional Resource Group (RRG)',
  consult_outcome_shared_with_mdt: 'Share the HART consult’s outcome with the MDT',
  ht_referral_made: 'New Careline referral for HT found during the investigation, with the Critical Incident',
  eligibility_coordinator_consulted: 'Consult the Eligibility Certification Coordinator (child not a U.S. citizen)',
  missing_child_alert_verified: 'Verify with law enforcement the Silver Alert or NCMEC notice (child missing)',
  red_flags_assessed: 'Assess HT red flags',
  dcf737_sent: 'Send the DCF-737 to the five parties',
  careline_referral_made: 'Refer the new HT allegation to the Careline',
  mdt_legal_rrg_consulted: 'Collaborate with the MDT; consult legal and the RRG as needed',
} as const;
export type InvestigationDutyCode = keyof typeof investigationDuties;
export const investigationDutyLabels: Readonly<Record<string, string>> = investigationDuties;

/**
 * How a duty may be closed other than "done": the policy says "if warranted" (IN-6) or "as
 * needed" (IN-3, OG-4), so "not warranted" with a reason; "when possible" (IN-5), so "not
 * possible" with a reason. Others can only be done.
 */
export type DutyWaiver = 'not_warranted' | 'not_possible';
export const dutyWaivers: Readonly<Record<string, DutyWaiver>> = {
  hospital_assessment_decided: 'not_warranted',
  treatment_before_placement_decided: 'not_warranted',
  legal_consulted: 'not_warranted',
  rrg_consulted: 'not_warranted',
  joint_response_recorded: 'not_possible',
  mdt_legal_rrg_consulted: 'not_warranted',
};

interface ChildFacts {
  readonly citizenship?: string | null;
  readonly livingSituation?: string | null;
  readonly indicators?: readonly string[] | null;
}

/**
 * The facts of `referral_accepted` the rules test, from the referral: HT characteristics (CL-1);
 * `usCitizen` false when a child is not a U.S. citizen, true when every child is one, absent
 * when unknown (unknown is not "not a citizen": IN-7 waits for the fact); `missing` when a child
 * is missing from care or reported missing now (IN-8).
 */
export function acceptanceFacts(input: { ht: boolean; responseDueAt: Date | null; children: readonly ChildFacts[] }): Record<string, FactValue> {
  const facts: Record<string, FactValue> = { ht: input.ht, responseDueAt: input.responseDueAt?.toISOString() ?? null };
  const c = input.children;
  if (c.some((x) => x.citizenship === 'not_us_citizen')) facts['usCitizen'] = false;
  else if (c.length > 0 && c.every((x) => x.citizenship === 'us_citizen')) facts['usCitizen'] = true;
  if (c.some((x) => x.livingSituation === 'missing_from_care' || (x.indicators ?? []).includes('missing_now'))) facts['missing'] = true;
  return facts;
}
