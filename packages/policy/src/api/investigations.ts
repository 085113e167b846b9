import { z } from 'zod';
import { partyKinds } from '../careline/notices.js';
import { referralStatuses } from '../careline/referral-status.js';
import { shortText } from './common.js';
import { idempotencyKey } from './referral-views.js';

/**
 * The investigation checklist (IN-1 .. IN-8, issue 4 item 3): an accepted referral's duties as
 * the investigation worker completes them, with who, when and the outcome; "not warranted" or
 * "not possible" with a reason where the policy says "if warranted" or "when possible"; IN-4's
 * one action when HT is first found during the investigation.
 */
export const dutyStates = ['open', 'overdue', 'done', 'not_needed'] as const;
export type DutyState = (typeof dutyStates)[number];
export const dutyWaiverKinds = ['not_warranted', 'not_possible'] as const;

export const dutyResolution = z.object({
  outcome: z.string().optional(),
  who: z.string().optional(),
  when: z.string().optional(),
  reason: z.string().optional(),
  /** IN-6: the designated hospital chosen (its directory entry). */
  hospitalId: z.string().optional(),
  hospitalName: z.string().optional(),
  /** IN-5: whether the worker proceeded jointly with law enforcement. */
  jointly: z.boolean().optional(),
  /** IN-1, OG-1: the consult requested. */
  consultId: z.string().optional(),
  consultNumber: z.string().optional(),
});
export type DutyResolution = z.infer<typeof dutyResolution>;

export const dutyView = z.object({
  id: z.uuid(),
  clause: z.string(),
  completes: z.string(),
  label: z.string(),
  dueAt: z.string(),
  state: z.enum(dutyStates),
  /** How it may be closed without being done ("if warranted", "when possible"), or null. */
  waiver: z.enum(dutyWaiverKinds).nullable(),
  ownerName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolution: dutyResolution.nullable(),
});
export type DutyView = z.infer<typeof dutyView>;

export const consultSummary = z.object({ id: z.uuid(), number: z.string(), status: z.string(), requestedAt: z.string() });
export type ConsultSummary = z.infer<typeof consultSummary>;

export const investigationView = z.object({
  referral: z.object({
    id: z.uuid(),
    number: z.string(),
    status: z.enum(referralStatuses),
    townName: z.string().nullable(),
    htCharacteristics: z.boolean(),
    responseDueAt: z.string().nullable(),
    investigatorId: z.uuid().nullable(),
    investigatorName: z.string().nullable(),
    areaOfficeId: z.uuid().nullable(),
    areaOfficeName: z.string().nullable(),
  }),
  items: z.array(dutyView),
  consults: z.array(consultSummary),
  /** IN-4: the Careline referral made when HT was first found during this investigation. */
  htFoundReferral: z.object({ id: z.uuid(), number: z.string(), status: z.enum(referralStatuses) }).nullable(),
  /** The caller may complete items (the assigned investigation worker). */
  canWrite: z.boolean(),
});
export type InvestigationView = z.infer<typeof investigationView>;

export const referralIdParams = z.strictObject({ referralId: z.uuid() });
export const investigationItemParams = z.strictObject({ referralId: z.uuid(), obligationId: z.uuid() });

/** A past or present instant with its offset: when the thing was done. */
const doneAt = z.iso.datetime({ offset: true }).refine((s) => Date.parse(s) <= Date.now() + 5 * 60_000, { message: 'Enter when it was done; it cannot be in the future' });

/**
 * Closing one item. `done`: who did it, when, the outcome (IN-6's ED assessment names the
 * designated hospital; IN-5's done means the worker proceeded jointly). `not_warranted` /
 * `not_possible`: the reason. `request_consult` (IN-1): Harbor requests the HART consult.
 */
export const completeItemBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('done'), who: shortText(200), when: doneAt, outcome: shortText(2000), hospitalId: z.uuid().optional() }),
  z.strictObject({ action: z.enum(dutyWaiverKinds), reason: shortText(2000) }),
  z.strictObject({ action: z.literal('request_consult'), reason: shortText(2000), idempotencyKey }),
]);
export type CompleteItemBody = z.infer<typeof completeItemBody>;

/** Facts learned after acceptance (IN-7, IN-8). */
export const investigationFacts = ['child_not_us_citizen', 'child_missing'] as const;
export const investigationFactBody = z.strictObject({ fact: z.enum(investigationFacts) });
export type InvestigationFactBody = z.infer<typeof investigationFactBody>;

/** IN-4: HT first found during the investigation. */
export const htFoundBody = z.strictObject({
  /** What the worker found, in full: the new referral's narrative follows the prefix naming the investigation. */
  narrative: z.string().trim().min(20, 'Describe in full what was found that suggests human trafficking').max(20_000),
  category: z.enum(['ht_sex', 'ht_labor']),
  idempotencyKey,
});
export type HtFoundBody = z.infer<typeof htFoundBody>;

export const htFoundResult = z.object({
  referralId: z.uuid(),
  number: z.string(),
  status: z.enum(referralStatuses),
  /** Submitted through the Careline's submit flow (notices out), or left a draft for the Careline. */
  submitted: z.boolean(),
  criticalIncidents: z.number().int(),
});
export type HtFoundResult = z.infer<typeof htFoundResult>;

/** A DCF-737 (or other notice) of a case or referral, with its delivery status. */
export const caseNoticeView = z.object({
  id: z.uuid(),
  key: z.string(),
  party: z.enum(partyKinds),
  partnerName: z.string(),
  status: z.string(),
  outboxMessageId: z.uuid().nullable(),
  documentId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type CaseNoticeView = z.infer<typeof caseNoticeView>;
