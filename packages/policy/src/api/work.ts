import { z } from 'zod';
import { pageOf, pageQueryFields, shortText } from './common.js';

/**
 * Duties (issue 4, items 2, 7, 8): "My work", a supervisor's unit, the HART Director's statewide
 * compliance (DR-4), one duty with its history, and the case timeline. Labels only: no child data.
 */
export const obligationStates = ['open', 'overdue', 'done', 'not_needed'] as const;
export type ObligationState = (typeof obligationStates)[number];
export const obligationSubjectTypes = ['referral', 'case', 'consult', 'child', 'user'] as const;

export const workItemView = z.object({
  id: z.string(),
  clause: z.string(),
  /** Short words for the duty ("Hold the HART consult"), no child data. */
  label: z.string(),
  completes: z.string(),
  subjectType: z.enum(obligationSubjectTypes),
  subjectId: z.string(),
  /** R-…, HC-… or the case number; null for a subject without one. */
  subjectNumber: z.string().nullable(),
  officeId: z.string().nullable(),
  officeCode: z.string().nullable(),
  officeName: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().nullable(),
  ownerRole: z.string().nullable(),
  dueAt: z.string(),
  state: z.enum(obligationStates),
  escalationLevel: z.number().int(),
  /** False when another workflow completes it (the consult is held on its page): no checklist tick. */
  completable: z.boolean(),
  version: z.number().int(),
});
export type WorkItemView = z.infer<typeof workItemView>;

/** "My work", a page at a time (overdue first, then by due time). */
export const workListQuery = z.strictObject({ ...pageQueryFields });
export type WorkListQuery = z.infer<typeof workListQuery>;
export const workPage = pageOf(workItemView);

export const workUnitQuery = z.strictObject({
  ...pageQueryFields,
  state: z.enum(['open', 'overdue']).optional(),
  owner: z.uuid().optional(),
});
export type WorkUnitQuery = z.infer<typeof workUnitQuery>;

/**
 * The staff who own open or overdue duties within the caller's unit (the same reach as the unit's
 * list), by name a page at a time: the choices of the unit list's owner filter. Staff names only.
 */
export const workOwnersQuery = z.strictObject({ ...pageQueryFields });
export type WorkOwnersQuery = z.infer<typeof workOwnersQuery>;
export const workOwnerView = z.object({ id: z.string(), name: z.string() });
export type WorkOwnerView = z.infer<typeof workOwnerView>;
export const workOwnerPage = pageOf(workOwnerView);

export const obligationHistoryKinds = ['created', 'announced', 'reminded', 'overdue', 'escalated', 'reassigned', 'done', 'not_needed'] as const;

export const obligationHistoryItem = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actorName: z.string().nullable(),
  toRole: z.string().nullable(),
  toOfficeCode: z.string().nullable(),
  toUserName: z.string().nullable(),
  level: z.number().int().nullable(),
});

export const obligationView = workItemView.extend({
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  /** Who did it, when, the outcome; or why it was not needed (opened for those who reach the duty). */
  resolution: z.object({ outcome: z.string().optional(), who: z.string().optional(), when: z.string().optional(), reason: z.string().optional() }).nullable(),
  history: z.array(obligationHistoryItem),
  /**
   * What the caller may do on the duty's page: its owner (or the office's supervisor) ticks it
   * done, or marks it not needed where the policy lets it be skipped.
   */
  can: z.object({
    done: z.boolean(),
    notNeeded: z.boolean(),
    /** IN-1 at intake: the area office's supervisor (the intake Program Manager) requests the consult from the duty's page. */
    requestConsult: z.boolean(),
  }),
  /** Where the duty is closed when not on its own page (the investigation checklist, the consult, the case). */
  completedOn: z.enum(['checklist', 'consult', 'case']).nullable(),
});
export type ObligationView = z.infer<typeof obligationView>;

export const completeObligationBody = z.strictObject({
  outcome: shortText(2000),
  /** Who did it, when not the one ticking it. */
  who: shortText(200).optional(),
  /** When it was done (ISO instant); now when absent. */
  when: z.iso.datetime({ offset: true }).optional(),
  version: z.number().int().min(1),
});
export type CompleteObligationBody = z.infer<typeof completeObligationBody>;

export const notNeededBody = z.strictObject({
  reason: shortText(2000),
  version: z.number().int().min(1),
});
export type NotNeededBody = z.infer<typeof notNeededBody>;

export const complianceQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type ComplianceQuery = z.infer<typeof complianceQuery>;

export const complianceView = z.object({
  from: z.string(),
  to: z.string(),
  consults: z.object({
    requested: z.number().int(),
    heldInTime: z.number().int(),
    heldLate: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
    /** Held within 72 hours over those held or overdue; null when there are none. */
    shareInTime: z.number().nullable(),
  }),
  offices: z.array(
    z.object({
      officeId: z.string(),
      code: z.string(),
      name: z.string(),
      overdue: z.number().int(),
      byClause: z.array(z.object({ clause: z.string(), count: z.number().int() })),
    }),
  ),
  overdueConsults: z.array(
    z.object({ id: z.string(), number: z.string(), officeCode: z.string(), officeName: z.string(), requestedAt: z.string(), dueAt: z.string() }),
  ),
});
export type ComplianceView = z.infer<typeof complianceView>;

export const timelineKinds = [
  'referral.received',
  'referral.submitted',
  'referral.decided',
  'referral.approved',
  'referral.routed',
  'referral.assigned',
  'referral.triaged',
  'referral.origin',
  'case.opened',
  'case.ht_concern',
  'case.ht_allegation',
  'notice',
  'document',
  'obligation.created',
  'obligation.announced',
  'obligation.reminded',
  'obligation.overdue',
  'obligation.escalated',
  'obligation.reassigned',
  'obligation.done',
  'obligation.not_needed',
  'consult.requested',
  'consult.held',
  'consult.overridden',
  'consult.entered',
  'support.requested',
  'support.answered',
  'support.escalated',
  'support.director',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineItem = z.object({
  at: z.string(),
  kind: z.enum(timelineKinds),
  /** Who did it (a staff member's name) or the role it went to; null for the system. */
  who: z.string().nullable(),
  /** Non-identifying words: a clause and duty label, a party, a status, an outcome code. */
  clause: z.string().nullable(),
  label: z.string().nullable(),
  /** The code the label names (a duty's completing action, a support kind), for words in the page's language. */
  code: z.string().nullable(),
  status: z.string().nullable(),
  /** The record it points to: a consult, a referral, a duty. */
  link: z.object({ type: z.enum(['referral', 'case', 'consult', 'obligation']), id: z.string(), number: z.string().nullable() }).nullable(),
});
export type TimelineItem = z.infer<typeof timelineItem>;

export const timelineView = z.object({
  subjectType: z.enum(['referral', 'case']),
  subjectId: z.string(),
  number: z.string(),
  items: z.array(timelineItem),
});
export type TimelineView = z.infer<typeof timelineView>;
