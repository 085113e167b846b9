import { z } from 'zod';
import { acceptanceDecisions, nonAcceptanceReasonCodes } from '../careline/acceptance.js';
import { victimNotOffenderErrors } from '../careline/arrest.js';
import { indicatorCodes } from '../careline/indicators.js';
import { checkAllegations, maltreatmentCategories } from '../careline/maltreatment.js';
import { connecticutTownName } from '../careline/town.js';
import { personMatchReasons } from '../careline/person-match.js';
import { checkTriage, triageOutcomes } from '../careline/triage.js';
import {
  citizenshipStatuses,
  ethnicities,
  exploiterRelationships,
  livingSituations,
  mandatedReporterTypes,
  placeTypes,
  races,
  referralChannels,
  reporterRelationships,
} from '../careline/vocabulary.js';
import { pastDate, shortText } from './common.js';
import { genders } from './people.js';

/**
 * The Careline referral API (issue 3). A draft is saved as the worker types (most fields
 * optional, empty text kept); submission takes the strict, complete referral (CL-3: the
 * narrative and at least one child), then the acceptance decision, then the HART Director's
 * triage. Rules that span fields run in `superRefine` and answer by field path.
 */

type Mode = 'draft' | 'submit';
/** Free text: in a draft it may be empty (what was typed is kept); on submission it must not be. */
const text = (max: number, mode: Mode) => (mode === 'draft' ? z.string().trim().max(max) : shortText(max));
const optionalText = (max: number) => z.string().trim().max(max).optional();
const stateCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Use the two-letter state code');
/** `children.0.name` as a zod issue path: `['children', 0, 'name']`. */
const fieldPath = (field: string): (string | number)[] => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
const distinct = <T>(list: readonly T[]) => new Set(list).size === list.length;
const aliasList = (mode: Mode) => z.array(text(80, mode)).max(20);
/** A draft stores what was typed and nothing more; defaults are filled in on submission. */
const stateOf = (mode: Mode) => (mode === 'draft' ? stateCode.nullable() : stateCode.nullable().default('CT'));

/** When the Careline received the report: a date-time with its offset, not in the future. */
export const receivedAt = z.iso.datetime({ offset: true }).refine(
  (s) => Date.parse(s) <= Date.now() + 5 * 60_000 && Date.parse(s) >= Date.parse('2000-01-01T00:00:00Z'),
  { message: 'Enter when the report was received; it cannot be in the future' },
);

const contact = z.strictObject({
  phone: optionalText(40),
  email: z.union([z.literal(''), z.email().max(200)]).optional(),
  organization: optionalText(200),
});

const reporterShape = (mode: Mode) => ({
  anonymous: z.boolean(),
  name: text(120, mode).optional(),
  relationship: z.enum(reporterRelationships),
  /** Null: not a mandated reporter. */
  mandatedReporterType: z.enum(mandatedReporterTypes).nullable(),
  contact: contact.optional(),
});

const childShape = (mode: Mode) => ({
  /** The person record this child is linked to, when the worker confirms a possible earlier match. */
  linkedPersonId: z.uuid().nullable().optional(),
  firstName: text(80, mode),
  lastName: text(80, mode).optional(),
  aliases: mode === 'draft' ? aliasList(mode) : aliasList(mode).default([]),
  dateOfBirth: pastDate.nullable().optional(),
  estimatedAge: z.number().int().min(0).max(25).nullable().optional(),
  gender: z.enum(genders),
  races: z.array(z.enum(races)).max(races.length).refine(distinct, 'Choose each race once'),
  ethnicity: z.enum(ethnicities),
  primaryLanguage: text(60, mode),
  citizenship: z.enum(citizenshipStatuses),
  townName: text(80, mode).nullable(),
  state: stateOf(mode),
  livingSituation: z.enum(livingSituations),
  dcfInvolvement: z.strictObject({ openCase: z.boolean(), inDcfCare: z.boolean() }),
  /** The child is reported prostituted or commercially sexually exploited (CL-7). */
  prostitutedOrCse: z.boolean(),
  allegations: z.array(z.enum(maltreatmentCategories)).max(maltreatmentCategories.length),
  indicators: z.array(z.enum(indicatorCodes)).max(indicatorCodes.length).refine(distinct, 'Choose each indicator once'),
});

const exploiterShape = (mode: Mode) => ({
  unknown: z.boolean(),
  /** A name, a street name or a nickname. */
  name: text(120, mode).optional(),
  relationship: z.enum(exploiterRelationships),
  notes: optionalText(2000),
});

const placeShape = (mode: Mode) => ({
  townName: text(80, mode).nullable(),
  state: stateOf(mode),
  type: z.enum(placeTypes),
  detail: optionalText(500),
});

/** A law-enforcement report of a youth's arrest for prostitution (CL-8, Gen. Stat. 53a-82). */
export const arrestReport = z.strictObject({
  statute: z.literal('53a-82'),
  department: shortText(120),
  officerName: shortText(120),
  badgeNumber: optionalText(40),
  policeCaseNumber: optionalText(60),
  arrestedAt: z.iso.datetime({ offset: true }).optional(),
  arrestTownName: optionalText(80),
});
export type ArrestReport = z.infer<typeof arrestReport>;

/**
 * CL-8: the police report of a youth arrested for prostitution, taken as a referral: the youth is
 * the child victim. It starts a draft the worker completes on the call.
 */
export const arrestReferralBody = z.strictObject({
  receivedAt,
  report: arrestReport,
  officerPhone: optionalText(40),
  youth: z.strictObject({
    firstName: shortText(80),
    lastName: optionalText(80),
    dateOfBirth: pastDate.nullable().optional(),
    estimatedAge: z.number().int().min(0).max(25).nullable().optional(),
    townName: optionalText(80),
    state: stateCode.optional(),
  }),
});
export type ArrestReferralBody = z.infer<typeof arrestReferralBody>;

/** Answers to the response-priority tree (CL-6), by question code. */
export const responsePriorityAnswers = z.record(z.string().max(64), z.string().max(32));

const narrativeMin = 20;

// --- Draft: everything optional, text may be empty, nothing cross-checked. -------------------
export const referralDraft = z.strictObject({
  receivedAt: receivedAt.optional(),
  channel: z.enum(referralChannels).optional(),
  reporter: z.strictObject(reporterShape('draft')).partial().optional(),
  children: z.array(z.strictObject(childShape('draft')).partial()).max(20).optional(),
  exploiters: z.array(z.strictObject(exploiterShape('draft')).partial()).max(20).optional(),
  places: z.array(z.strictObject(placeShape('draft')).partial()).max(20).optional(),
  narrative: z.string().max(20_000).optional(),
  otherConcerns: z.string().max(10_000).optional(),
  responsePriorityAnswers: responsePriorityAnswers.optional(),
  arrest: arrestReport.partial().optional(),
});
export type ReferralDraft = z.infer<typeof referralDraft>;

/** Saving an existing draft: optimistic concurrency, a stale version is refused. */
export const updateReferralDraftBody = referralDraft.extend({ version: z.number().int().min(1) });
export type UpdateReferralDraftBody = z.infer<typeof updateReferralDraftBody>;

// --- Submission: complete and cross-checked. -------------------------------------------------
export const referralReporter = z.strictObject(reporterShape('submit')).superRefine((r, ctx) => {
  if (r.anonymous && (r.name || r.contact)) ctx.addIssue({ code: 'custom', path: ['name'], message: 'An anonymous reporter has no name or contact' });
  if (!r.anonymous && !r.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter the reporter’s name, or mark the reporter anonymous' });
});
export const referralChild = z.strictObject(childShape('submit')).superRefine((c, ctx) => {
  if (c.dateOfBirth == null && c.estimatedAge == null) {
    ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter the date of birth or an estimated age' });
  }
  if (c.races.length === 0) ctx.addIssue({ code: 'custom', path: ['races'], message: 'Choose at least one race, or Unknown' });
  if (c.state === 'CT' && c.townName && !connecticutTownName(c.townName)) {
    ctx.addIssue({ code: 'custom', path: ['townName'], message: 'Choose a Connecticut town' });
  }
  for (const e of checkAllegations(c)) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
});
export const referralExploiter = z.strictObject(exploiterShape('submit')).superRefine((e, ctx) => {
  if (e.unknown && e.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'An unknown exploiter has no name; describe them in the notes' });
  if (!e.unknown && !e.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter a name or nickname, or mark the exploiter unknown' });
});
export const referralPlace = z.strictObject(placeShape('submit')).superRefine((p, ctx) => {
  if (p.state === 'CT' && p.townName && !connecticutTownName(p.townName)) {
    ctx.addIssue({ code: 'custom', path: ['townName'], message: 'Choose a Connecticut town' });
  }
});

export const submitReferralBody = z
  .strictObject({
    receivedAt,
    channel: z.enum(referralChannels),
    reporter: referralReporter,
    children: z.array(referralChild).min(1, 'Add at least one child').max(20),
    exploiters: z.array(referralExploiter).max(20).default([]),
    places: z.array(referralPlace).max(20).default([]),
    // CL-3: why the reporter suspects human trafficking, in full.
    narrative: z.string().trim().min(narrativeMin, 'Describe in full why the reporter suspects human trafficking').max(20_000),
    otherConcerns: optionalText(10_000),
    responsePriorityAnswers: responsePriorityAnswers.optional(),
    arrest: arrestReport.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.arrest && r.channel !== 'law_enforcement') {
      ctx.addIssue({ code: 'custom', path: ['channel'], message: 'An arrest report comes in as a law-enforcement report' });
    }
    // CL-8: the arrested youth is the child victim, never the offender.
    if (r.arrest) for (const e of victimNotOffenderErrors(r)) ctx.addIssue({ code: 'custom', path: fieldPath(e.field), message: e.message });
  });
export type SubmitReferralBody = z.infer<typeof submitReferralBody>;
export type ReferralChild = z.infer<typeof referralChild>;
export type ReferralExploiter = z.infer<typeof referralExploiter>;
export type ReferralPlace = z.infer<typeof referralPlace>;
export type ReferralReporter = z.infer<typeof referralReporter>;

// --- Decision (CL-2, CL-6), approval (CL-2) and triage (DR-2). -------------------------------
const version = z.number().int().min(1);
const priorityOverride = z.strictObject({ to: z.string().max(64), reason: shortText(2000) });

export const decideReferralBody = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal(acceptanceDecisions[0]),
    responsePriority: z.strictObject({ answers: responsePriorityAnswers, override: priorityOverride.optional() }),
    version,
  }),
  z.strictObject({
    decision: z.literal(acceptanceDecisions[1]),
    reasonCode: z.enum(nonAcceptanceReasonCodes),
    explanation: optionalText(2000),
    version,
  }),
]);
export type DecideReferralBody = z.infer<typeof decideReferralBody>;

/** A Careline supervisor approves a non-acceptance, or returns it to the worker with a note. */
export const approveNonAcceptanceBody = z
  .strictObject({ approved: z.boolean(), note: optionalText(2000), version })
  .refine((b) => b.approved || !!b.note, { path: ['note'], message: 'Say why the non-acceptance is returned' });
export type ApproveNonAcceptanceBody = z.infer<typeof approveNonAcceptanceBody>;

/** A supervisor's later override of the response priority (CL-6): the reason is required. */
export const overridePriorityBody = priorityOverride.extend({ version });
export type OverridePriorityBody = z.infer<typeof overridePriorityBody>;

/** A notice given by phone (CL-4): who took the call, when, and the police case number. */
export const phoneNoticeBody = z.strictObject({
  calledAt: z.iso.datetime({ offset: true }),
  officerName: shortText(120),
  badgeNumber: optionalText(40),
  policeCaseNumber: optionalText(60),
});
export type PhoneNoticeBody = z.infer<typeof phoneNoticeBody>;

export const triageReferralBody = z
  .strictObject({
    outcomes: z.array(z.enum(triageOutcomes)).min(1).max(2),
    reason: optionalText(2000),
    version,
  })
  .superRefine((t, ctx) => {
    for (const e of checkTriage(t)) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
  });
export type TriageReferralBody = z.infer<typeof triageReferralBody>;

// --- Repeat victims: children already known to Harbor (issue 3). ----------------------------
/** What the worker has typed about a child so far; Harbor answers the known children it may be. */
export const personMatchBody = z.strictObject({
  firstName: shortText(80),
  lastName: optionalText(80),
  aliases: z.array(shortText(80)).max(5).optional(),
  dateOfBirth: pastDate.optional(),
  townName: optionalText(80),
  /** The earlier child the worker has linked this child to: its full details come back (CF-1). */
  linkedPersonId: z.uuid().optional(),
});
export type PersonMatchBody = z.infer<typeof personMatchBody>;

/**
 * CF-1: a possible earlier record as the Careline sees it before linking: enough to decide
 * (initials, birth year, town, the earlier referrals' numbers), not the child's identity. The
 * full details come only for the child the worker has linked.
 */
export const personMatchView = z.object({
  personId: z.uuid(),
  initials: z.string(),
  birthYear: z.number().int().nullable(),
  townName: z.string().nullable(),
  matchedOn: z.array(z.enum(personMatchReasons)),
  /** The submitted referrals about this child, oldest first. */
  referrals: z.array(z.object({ number: z.string(), receivedAt: z.string().nullable() })),
  /** Only for the linked child (`linkedPersonId` of the search); null for every other. */
  details: z
    .object({ firstName: z.string(), lastName: z.string(), aliases: z.array(z.string()), dateOfBirth: z.string().nullable() })
    .nullable(),
});
export type PersonMatchView = z.infer<typeof personMatchView>;
