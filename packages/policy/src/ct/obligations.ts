import type { ObligationRule } from '../obligations/engine.js';
import { hartObligationRules } from './obligations-hart.js';
import { investigationObligationRules } from './obligations-investigation.js';

/**
 * Connecticut's first obligation rules (Policy 21-14; clause IDs from shared/policy/clauses.md).
 * Event kinds and the facts they carry:
 * - `referral_accepted` (subjects.referral; facts.responseDueAt: the CL-6 response time as an ISO
 *   instant; facts.usCitizen and facts.missing when known at acceptance);
 * - `consult_requested` (subjects.consult; officeId: the area office of the case);
 * - `consult_held` (subjects.consult; assigneeId: the liaison who held it);
 * - `child_not_us_citizen`, `child_missing` (subjects.referral; learned after acceptance);
 * - `referral_submitted` (subjects.referral; officeId: the Careline office that took it;
 *   assigneeId: the Careline worker who submitted it; facts.policePhoneRequired: CL-4's phone call
 *   is warranted, `referralNoticesWarranted`).
 *
 * IN-7 and IN-8 name no clock in the policy; the clocks are ours: a missing child cannot wait, so
 * the Silver Alert / NCMEC check is due within 4 hours (the same shift); the coordinator's consult
 * is the first step for a child without status, due the next business day. (Due "at once" made
 * them overdue the moment they were raised: a red tag and an overdue e-mail nobody had earned.)
 */
export const carelineObligationRules: readonly ObligationRule[] = [
  {
    // CL-4: "notify local law enforcement immediately": the phone call is due the moment the HT
    // referral is submitted (our clock reads "immediately" as that instant; the policy gives no
    // other). Owned by the Careline worker who submitted it; recording the call closes it, and
    // it escalates like every other duty (the Careline office's supervisors first).
    code: 'phone_local_police',
    clause: 'CL-4',
    on: 'referral_submitted',
    subject: 'referral',
    owner: { person: 'assignee', otherwise: { role: 'careline_supervisor', office: 'subject' } },
    due: { kind: 'immediately' },
    completes: 'police_phoned',
    when: { fact: 'policePhoneRequired', equals: true },
  },
  {
    // CL-6: the response priority sets when the child must be seen; the tool already computed it.
    code: 'see_child_by_response_time',
    clause: 'CL-6',
    on: 'referral_accepted',
    subject: 'referral',
    owner: { person: 'assignee', otherwise: { role: 'supervisor', office: 'subject' } },
    due: { kind: 'fact', fact: 'responseDueAt' },
    completes: 'child_seen',
  },
  {
    code: 'consult_eligibility_coordinator',
    clause: 'IN-7',
    on: 'referral_accepted',
    subject: 'referral',
    owner: { person: 'assignee', otherwise: { role: 'supervisor', office: 'subject' } },
    due: { kind: 'business_days', days: 1 },
    completes: 'eligibility_coordinator_consulted',
    when: { fact: 'usCitizen', equals: false },
  },
  {
    code: 'consult_eligibility_coordinator_later',
    clause: 'IN-7',
    on: 'child_not_us_citizen',
    subject: 'referral',
    owner: { person: 'assignee', otherwise: { role: 'supervisor', office: 'subject' } },
    due: { kind: 'business_days', days: 1 },
    completes: 'eligibility_coordinator_consulted',
  },
  {
    code: 'verify_missing_child_alert',
    clause: 'IN-8',
    on: 'referral_accepted',
    subject: 'referral',
    owner: { person: 'assignee', otherwise: { role: 'supervisor', office: 'subject' } },
    due: { kind: 'elapsed_hours', hours: 4 },
    completes: 'missing_child_alert_verified',
    when: { fact: 'missing', equals: true },
  },
  {
    code: 'verify_missing_child_alert_later',
    clause: 'IN-8',
    on: 'child_missing',
    subject: 'referral',
    owner: { person: 'assignee', otherwise: { role: 'supervisor', office: 'subject' } },
    due: { kind: 'elapsed_hours', hours: 4 },
    completes: 'missing_child_alert_verified',
  },
  {
    // HL-1: "within 72 hours of the request": elapsed hours, so a daylight-saving change does not
    // give or take an hour.
    code: 'hold_hart_consult',
    clause: 'HL-1',
    on: 'consult_requested',
    subject: 'consult',
    owner: { role: 'hart_liaison', office: 'subject' },
    due: { kind: 'elapsed_hours', hours: 72 },
    completes: 'consult_held',
    // The area office's liaisons are told of the request at once: the 72 hours start now.
    announce: true,
  },
  {
    // HL-5 says "within 5 days"; counted as business days (the brief of issue 4), the time a
    // liaison needs at a desk. One number to change if the agency reads it as calendar days.
    code: 'enter_consult',
    clause: 'HL-5',
    on: 'consult_held',
    subject: 'consult',
    owner: { person: 'assignee', otherwise: { role: 'hart_liaison', office: 'subject' } },
    due: { kind: 'business_days', days: 5 },
    completes: 'consult_entered',
  },
];

/** Every Connecticut rule: the Careline's and the first casework ones above, investigation and ongoing-case duties (IN, OG), HART duties (HL, LD, DR). */
export const ctObligationRules: readonly ObligationRule[] = [...carelineObligationRules, ...investigationObligationRules, ...hartObligationRules];
