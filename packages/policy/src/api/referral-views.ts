import { z } from 'zod';
import { pageOf, pageQueryFields, sortDirection } from './common.js';
import { noticeMeansAll, referralStatuses } from '../careline/referral-status.js';
import { referralChannels } from '../careline/vocabulary.js';
import { partyKinds } from '../careline/notices.js';
import { triageOutcomes } from '../careline/triage.js';

/** What the referral routes answer (issue 3). The draft is returned as the worker typed it. */
export const referralNoticeView = z.object({
  id: z.uuid(),
  key: z.string(),
  party: z.enum(partyKinds),
  means: z.enum(noticeMeansAll),
  immediate: z.boolean(),
  partnerAgencyId: z.uuid(),
  partnerName: z.string(),
  outboxMessageId: z.uuid().nullable(),
  /** The outbox's delivery status for an e-mail; `awaiting_entry` for a phone call not yet recorded. */
  status: z.string(),
  /** The phone call as the worker recorded it (CL-4); null until then, and for e-mailed notices. */
  phoneCall: z
    .object({ calledAt: z.string(), officerName: z.string(), badgeNumber: z.string().nullable(), policeCaseNumber: z.string().nullable() })
    .nullable(),
});
export type ReferralNoticeView = z.infer<typeof referralNoticeView>;

export const referralView = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(referralStatuses),
  receivedAt: z.string().nullable(),
  channel: z.enum(referralChannels).nullable(),
  draft: z.record(z.string(), z.unknown()),
  htCharacteristics: z.boolean(),
  htEvident: z.boolean(),
  townName: z.string().nullable(),
  createdBy: z.uuid(),
  submittedAt: z.string().nullable(),
  notices: z.array(referralNoticeView),
  /**
   * IN-4, OG-3: the investigation (referral) or open case whose new HT allegation this referral
   * reports, with its number and, for a case, which allegation (1: the first HT concern). A
   * referral from an open case sends no DCF-737s of its own: the case sent them (OG-2).
   */
  origin: z.object({ type: z.enum(['referral', 'case']), id: z.uuid(), number: z.string().nullable(), allegation: z.number().int().nullable() }).nullable(),
  /** CL-2 and CL-6, once decided. */
  decision: z.enum(['accepted', 'not_accepted']).nullable(),
  nonAcceptanceReason: z.string().nullable(),
  /** The worker's explanation of a non-acceptance (CL-2), for the approving supervisor. */
  decisionExplanation: z.string().nullable(),
  decidedAt: z.string().nullable(),
  responsePriority: z.record(z.string(), z.unknown()).nullable(),
  responseDueAt: z.string().nullable(),
  /** CL-5: the Regional Office or SIU an accepted referral went to, and the investigation worker assigned there. */
  assignedOfficeCode: z.string().nullable(),
  investigatorId: z.uuid().nullable(),
  /** For people to read: the office's name and the investigation worker's name (the full view only). */
  assignedOfficeName: z.string().nullable(),
  investigatorName: z.string().nullable(),
  /** CL-2: the Careline supervisor's note on the non-acceptance (why it was returned), and when. */
  supervisorNote: z.string().nullable(),
  supervisorNoteAt: z.string().nullable(),
  /** DR-2: the HART Director's triage, once made. */
  triage: z.object({ outcomes: z.array(z.enum(triageOutcomes)), reason: z.string().nullable(), triagedBy: z.uuid(), triagedAt: z.string() }).nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferralView = z.infer<typeof referralView>;

export const referralSummaryView = referralView.omit({ draft: true, notices: true, origin: true, assignedOfficeName: true, investigatorName: true, supervisorNote: true, supervisorNoteAt: true });
export type ReferralSummaryView = z.infer<typeof referralSummaryView>;

/** What the referral list orders by (issue 11): last change (the default), submission, or creation. */
export const referralSorts = ['updatedAt', 'submittedAt', 'createdAt'] as const;
export const referralListQuery = z.strictObject({
  ...pageQueryFields,
  status: z.enum(referralStatuses).optional(),
  /** Only the referrals this investigation worker holds now. */
  investigatorId: z.uuid().optional(),
  sort: z.enum(referralSorts).default('updatedAt'),
  dir: sortDirection.default('desc'),
});
export type ReferralListQuery = z.infer<typeof referralListQuery>;
export const referralSummaryPage = pageOf(referralSummaryView);
/** A work queue with no filters of its own: only the page. */
export const referralQueueQuery = z.strictObject({ ...pageQueryFields });
export type ReferralQueueQuery = z.infer<typeof referralQueueQuery>;

/** Submitting a saved draft: its version, and a key that makes a retried submit harmless. */
export const idempotencyKey = z.string().trim().min(8).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'Use letters, digits, dots, dashes, colons or underscores');
export const submitDraftBody = z.strictObject({ version: z.number().int().min(1), idempotencyKey: idempotencyKey.optional() });
export type SubmitDraftBody = z.infer<typeof submitDraftBody>;

/** DR-1: an entry of the HART Director's statewide queue, with why it entered. */
export const triageQueueItem = referralSummaryView.extend({ dcf737Sent: z.boolean(), queueReasons: z.array(z.string()) });
export type TriageQueueItem = z.infer<typeof triageQueueItem>;
export const triageQueuePage = pageOf(triageQueueItem);

/** CL-5: a supervisor assigns an investigation social worker to an accepted referral. */
export const assignReferralBody = z.strictObject({ userId: z.uuid(), version: z.number().int().min(1) });
export type AssignReferralBody = z.infer<typeof assignReferralBody>;

/** CL-5: an investigation social worker a supervisor may assign, with how many referrals they hold now. */
export const investigatorView = z.object({ id: z.uuid(), name: z.string(), officeCode: z.string(), openAssignments: z.number().int() });
export type InvestigatorView = z.infer<typeof investigatorView>;
export const investigatorPage = pageOf(investigatorView);

/**
 * CL-4: a notice whose e-mail is failing or failed, escalated to the Careline supervisor: it stays
 * on their list until it is sent (or the notice is given another way).
 */
export const noticeProblemView = z.object({
  noticeId: z.uuid(),
  referralId: z.uuid(),
  referralNumber: z.string(),
  party: z.enum(partyKinds),
  partnerName: z.string(),
  means: z.enum(noticeMeansAll),
  status: z.string(),
  statusLabel: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NoticeProblemView = z.infer<typeof noticeProblemView>;
export const noticeProblemPage = pageOf(noticeProblemView);
