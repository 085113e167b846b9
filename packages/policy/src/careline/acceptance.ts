import type { Role } from '../access/roles.js';
import type { FieldError } from './common.js';

/**
 * CL-2: the acceptance decision, made against the operational definitions (DCF Policy 22-3). A
 * report of human trafficking can be accepted as a child-protection case with no parent, guardian
 * or entrusted person named as perpetrator (seeds 001, 002): nothing here looks at who the alleged
 * exploiter is.
 */
export const acceptanceDecisions = ['accepted', 'not_accepted'] as const;
export type AcceptanceDecision = (typeof acceptanceDecisions)[number];

export const acceptanceDecisionLabels: Readonly<Record<AcceptanceDecision, string>> = {
  accepted: 'Accepted',
  not_accepted: 'Not accepted',
};

export interface NonAcceptanceReason {
  readonly code: string;
  readonly label: string;
  readonly hint?: string;
}

/**
 * Reasons a referral is not accepted (a configurable list). "No parent or caregiver named as
 * perpetrator" is deliberately absent: it is never a reason to screen out an HT report (CL-2).
 */
export const nonAcceptanceReasons = [
  { code: 'no_operational_definition_met', label: 'The report does not describe abuse, neglect or trafficking as the operational definitions define them' },
  { code: 'age_18_or_older', label: 'The alleged victim is 18 years of age or older',
    hint: 'Refer an adult victim to law enforcement and the National Human Trafficking Hotline.' },
  { code: 'no_connecticut_jurisdiction', label: 'The child does not live in Connecticut and nothing reported happened in Connecticut',
    hint: 'Pass the report to the child-protection agency of the child’s state.' },
  { code: 'duplicate_of_open_referral', label: 'The report duplicates a referral already open for the same child and the same events' },
  { code: 'cannot_identify_or_locate', label: 'There is not enough information to identify or locate the child' },
  { code: 'information_for_open_case', label: 'The report adds information to an open case or investigation and is passed to its worker' },
] as const satisfies readonly NonAcceptanceReason[];

export type NonAcceptanceReasonCode = (typeof nonAcceptanceReasons)[number]['code'];
export const nonAcceptanceReasonCodes: readonly NonAcceptanceReasonCode[] = nonAcceptanceReasons.map((r) => r.code);

export interface DecisionInput {
  readonly decision: AcceptanceDecision;
  readonly reasonCode?: string | null;
  /** The Careline worker's explanation; required when the reason alone does not say enough. */
  readonly explanation?: string | null;
}

/** CL-2: field errors of an acceptance decision against a list of reasons. */
export function checkDecision(
  input: DecisionInput,
  reasons: readonly NonAcceptanceReason[] = nonAcceptanceReasons,
): FieldError[] {
  switch (input.decision) {
    case 'accepted':
      return input.reasonCode
        ? [{ field: 'reasonCode', message: 'An accepted referral has no reason for non-acceptance' }]
        : [];
    case 'not_accepted':
      if (!input.reasonCode) return [{ field: 'reasonCode', message: 'Choose the reason the referral is not accepted' }];
      if (!reasons.some((r) => r.code === input.reasonCode)) {
        return [{ field: 'reasonCode', message: `Unknown reason for non-acceptance: ${input.reasonCode}` }];
      }
      return [];
  }
}

export interface ApprovalNeeded {
  readonly role: Role;
  readonly clause: 'CL-2';
  readonly message: string;
}

/** CL-2: whose approval a decision needs before it stands: a non-acceptance needs a Careline supervisor's. */
export function approvalNeeded(decision: AcceptanceDecision): ApprovalNeeded | null {
  switch (decision) {
    case 'accepted':
      return null;
    case 'not_accepted':
      return {
        role: 'careline_supervisor',
        clause: 'CL-2',
        message: 'A referral that is not accepted needs a Careline supervisor’s approval',
      };
  }
}

/**
 * CL-2: whether the approver may approve. A worker cannot approve their own non-acceptance, and
 * only a holder of the role `approvalNeeded` names can.
 */
export function canApprove(
  approval: ApprovalNeeded,
  approver: { readonly userId: string; readonly roles: readonly Role[] },
  decidedBy: string,
): { ok: true } | { ok: false; message: string } {
  if (!approver.roles.includes(approval.role)) return { ok: false, message: approval.message };
  if (approver.userId === decidedBy) return { ok: false, message: 'The worker who made the decision cannot approve it' };
  return { ok: true };
}
