import { z } from 'zod';
import { indicatorCodes } from '../careline/indicators.js';
import { referralStatuses } from '../careline/referral-status.js';
import { pageOf, pageQueryFields, pastDate, shortText } from './common.js';
import { caseNoticeView, consultSummary, dutyView } from './investigations.js';
import { genders } from './people.js';
import { idempotencyKey } from './referral-views.js';

/**
 * Open (ongoing) cases and the ongoing worker's "Raise an HT concern" (OG-1 .. OG-4), and the
 * HART liaison's list of open cases with an HT concern that lack a sent DCF-737 (HL-2).
 */
const newChild = z.strictObject({
  kind: z.literal('new'),
  firstName: shortText(80),
  lastName: shortText(80),
  dateOfBirth: pastDate,
  gender: z.enum(genders),
  townName: shortText(80),
});
const existingChild = z.strictObject({ kind: z.literal('existing'), personId: z.uuid() });

export const createCaseBody = z.strictObject({
  child: z.discriminatedUnion('kind', [existingChild, newChild]),
  officeId: z.uuid(),
  workerId: z.uuid(),
  idempotencyKey,
});
export type CreateCaseBody = z.infer<typeof createCaseBody>;

const yes = z.enum(['yes', 'no']);
/** The open cases list: HT concerns first (newest first), then by opening, newest first; a page at a time; filter by HT concern and a missing DCF-737. */
export const caseListQuery = z.strictObject({ ...pageQueryFields, htConcern: yes.optional(), missing737: yes.optional() });
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseSummaryView = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.string(),
  officeId: z.uuid(),
  officeCode: z.string(),
  officeName: z.string(),
  workerId: z.uuid().nullable(),
  workerName: z.string().nullable(),
  childName: z.string(),
  townName: z.string().nullable(),
  openedAt: z.string(),
  htConcernAt: z.string().nullable(),
  /** HL-2: an HT concern without a DCF-737 that was sent (or acknowledged). */
  missing737: z.boolean(),
});
export type CaseSummaryView = z.infer<typeof caseSummaryView>;
export const casePage = pageOf(caseSummaryView);

/**
 * OG-2: a notice of the case, with the allegation that required it (1 the first HT concern): a
 * DCF-737 (`means` dcf737), or the phone call to local police (`means` phone; status
 * `awaiting_entry` until the worker records the call, then `recorded`, with the call).
 */
export const caseAllegationNoticeView = caseNoticeView.extend({
  allegation: z.number().int().min(1),
  means: z.enum(['dcf737', 'phone']),
  phoneCall: z
    .object({ calledAt: z.string(), officerName: z.string(), badgeNumber: z.string().nullable(), policeCaseNumber: z.string().nullable() })
    .nullable(),
});
export type CaseAllegationNoticeView = z.infer<typeof caseAllegationNoticeView>;

/**
 * One HT allegation on the case (OG-1 .. OG-3): the first HT concern is allegation 1, each later
 * "new HT allegation" the next. Its red flags and the worker's words, its Careline referral, its
 * DCF-737s, and the HART consult it requested (`requested`) or found still open and relied on.
 */
export const caseAllegationView = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  byName: z.string().nullable(),
  indicators: z.array(z.string()),
  narrative: z.string(),
  notes: z.string().nullable(),
  referral: z.object({ id: z.uuid(), number: z.string(), status: z.enum(referralStatuses) }).nullable(),
  consult: z.object({ id: z.uuid(), number: z.string(), status: z.string(), requested: z.boolean() }).nullable(),
  notices: z.array(caseAllegationNoticeView),
});
export type CaseAllegationView = z.infer<typeof caseAllegationView>;

export const caseView = caseSummaryView.extend({
  child: z.object({ personId: z.uuid(), firstName: z.string(), lastName: z.string(), dateOfBirth: z.string().nullable() }),
  /** The first HT concern (allegation 1). */
  htConcern: z
    .object({ at: z.string(), byName: z.string().nullable(), indicators: z.array(z.string()), narrative: z.string(), notes: z.string().nullable() })
    .nullable(),
  /** Every HT allegation on the case, oldest first (the first is `htConcern`). */
  allegations: z.array(caseAllegationView),
  notices: z.array(caseAllegationNoticeView),
  consults: z.array(consultSummary),
  duties: z.array(dutyView),
  /** OG-3: the Careline referral for the latest allegation. */
  carelineReferral: z.object({ id: z.uuid(), number: z.string(), status: z.enum(referralStatuses) }).nullable(),
  /** The caller may raise an HT concern or report a new allegation (the assigned worker, a supervisor of the office). */
  canRaise: z.boolean(),
  version: z.number().int(),
});
export type CaseView = z.infer<typeof caseView>;

/**
 * The first HT concern, or a new HT allegation on a case that has one (same body). The Careline
 * referral (OG-3) needs the child's age: `estimatedAge` is required when the child's record has
 * no date of birth, and used only then.
 */
export const htConcernBody = z.strictObject({
  indicators: z
    .array(z.enum(indicatorCodes))
    .min(1, 'Choose at least one red flag')
    .max(indicatorCodes.length)
    .refine((l) => new Set(l).size === l.length, 'Choose each red flag once'),
  narrative: z.string().trim().min(20, 'Describe in full why you suspect human trafficking').max(20_000),
  notes: z.string().trim().max(5_000).optional(),
  estimatedAge: z.number().int().min(0, 'Give an age from 0 to 25').max(25, 'Give an age from 0 to 25').optional(),
  idempotencyKey,
});
export type HtConcernBody = z.infer<typeof htConcernBody>;

export const missing737Reasons = ['no_notice', 'not_sent', 'failed'] as const;
export const missing737Item = z.object({
  caseId: z.uuid(),
  number: z.string(),
  officeCode: z.string(),
  officeName: z.string(),
  workerName: z.string().nullable(),
  htConcernAt: z.string(),
  reason: z.enum(missing737Reasons),
  /** The parties whose DCF-737 is not sent, by kind. */
  parties: z.array(z.string()),
});
export type Missing737Item = z.infer<typeof missing737Item>;
/** HL-2's list: the oldest HT concern first, a page at a time. */
export const missing737Query = z.strictObject({ ...pageQueryFields });
export type Missing737Query = z.infer<typeof missing737Query>;
export const missing737Page = pageOf(missing737Item);

/** The ongoing workers a case may be given to: those of the caller's office. */
export const caseWorkerView = z.object({ id: z.uuid(), name: z.string(), officeId: z.uuid(), officeCode: z.string() });
export type CaseWorkerView = z.infer<typeof caseWorkerView>;
