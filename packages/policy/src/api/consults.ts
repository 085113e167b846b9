import { z } from 'zod';
import { riskLevels } from '../hart/decision-map.js';
import { consultStatuses, supportKinds, supportStatuses } from '../hart/support.js';
import { pageOf, pageQueryFields, shortText } from './common.js';
import { idempotencyKey } from './referral-views.js';

/**
 * HART consults (HL-1 .. HL-6) and HART teams and support (LD-1, LD-2, LD-4, DR-3, DR-4). Every
 * view carries `can`: what the caller may do with the record, decided by the server, so the web
 * app never copies the rules.
 */
const version = z.number().int().min(1);
const instant = z.iso.datetime({ offset: true });
const optionalText = (max: number) => z.string().trim().max(max).optional();

// --- Consults ------------------------------------------------------------------------------

export const consultListQuery = z.strictObject({
  ...pageQueryFields,
  status: z.enum(consultStatuses).optional(),
  /** The consults of one area office. */
  officeId: z.uuid().optional(),
  /** The consults on one referral or case. */
  subjectId: z.uuid().optional(),
});
export type ConsultListQuery = z.infer<typeof consultListQuery>;

const riskLevel = z.enum(riskLevels);

export const consultSummaryView = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(consultStatuses),
  subject: z.object({ type: z.enum(['referral', 'case']), id: z.uuid(), number: z.string().nullable() }),
  office: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  requestedAt: z.string(),
  requestedBy: z.object({ id: z.uuid(), name: z.string() }),
  /** HL-1: when the consult is due (from its obligation), and whether that has passed unheld. */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  liaison: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  heldAt: z.string().nullable(),
  riskSex: riskLevel.nullable(),
  riskLabor: riskLevel.nullable(),
  enteredAt: z.string().nullable(),
  version: z.number().int(),
});
export type ConsultSummaryView = z.infer<typeof consultSummaryView>;
export const consultPage = pageOf(consultSummaryView);

export const consultParticipant = z.strictObject({ name: shortText(120), role: shortText(120) });
export type ConsultParticipant = z.infer<typeof consultParticipant>;

const mapStep = z.object({ question: z.string(), questionText: z.string(), answer: z.string(), answerLabel: z.string() });
const branchView = z.object({ level: riskLevel, levelLabel: z.string(), path: z.array(mapStep) });
const levelOverride = z.object({ from: riskLevel, to: riskLevel });

export const consultView = consultSummaryView.extend({
  reason: z.string().nullable(),
  /** What the consult found (sealed at rest): HL-4 and HL-6 among its recommendations. */
  record: z
    .object({
      participants: z.array(z.object({ name: z.string(), role: z.string() })),
      informationReviewed: z.string(),
      recommendations: z.string(),
      mdtCollaborated: z.boolean(),
      lawEnforcementAssistance: z.string().nullable(),
    })
    .nullable(),
  decisionMap: z
    .object({
      mapVersion: z.string(),
      answers: z.record(z.string(), z.record(z.string(), z.string())),
      sex: branchView,
      labor: branchView,
      completedAt: z.string(),
      completedBy: z.object({ id: z.uuid(), name: z.string() }),
    })
    .nullable(),
  override: z
    .object({
      sex: levelOverride.optional(),
      labor: levelOverride.optional(),
      reason: z.string(),
      by: z.object({ id: z.uuid(), name: z.string() }),
      at: z.string(),
    })
    .nullable(),
  enteredBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** HL-5: when the held consult must be in the case management system. */
  enterDueAt: z.string().nullable(),
  can: z.object({ hold: z.boolean(), decisionMap: z.boolean(), override: z.boolean(), enter: z.boolean() }),
});
export type ConsultView = z.infer<typeof consultView>;

export const requestConsultBody = z.strictObject({
  subjectType: z.enum(['referral', 'case']),
  subjectId: z.uuid(),
  reason: shortText(2000),
  idempotencyKey: idempotencyKey.optional(),
});
export type RequestConsultBody = z.infer<typeof requestConsultBody>;

export const holdConsultBody = z.strictObject({
  heldAt: instant,
  participants: z.array(consultParticipant).min(1, 'Name at least one participant').max(30),
  informationReviewed: shortText(4000),
  recommendations: shortText(4000),
  /** HL-4: the MDT Coordinator and the area office MDT liaison collaborated. */
  mdtCollaborated: z.boolean(),
  /** HL-6: law-enforcement related issues the liaison assisted with. */
  lawEnforcementAssistance: optionalText(2000),
  version,
});
export type HoldConsultBody = z.infer<typeof holdConsultBody>;

const branchAnswers = z.record(z.string().max(64), z.string().max(32));
export const decisionMapBody = z.strictObject({
  answers: z.strictObject({ sex: branchAnswers, labor: branchAnswers }),
  version,
});
export type DecisionMapBody = z.infer<typeof decisionMapBody>;

export const overrideConsultBody = z
  .strictObject({ sex: riskLevel.optional(), labor: riskLevel.optional(), reason: shortText(2000), version })
  .refine((b) => b.sex !== undefined || b.labor !== undefined, { path: ['sex'], message: 'Choose the sex or the labor trafficking level to set' });
export type OverrideConsultBody = z.infer<typeof overrideConsultBody>;

export const enterConsultBody = z.strictObject({ version });
export type EnterConsultBody = z.infer<typeof enterConsultBody>;

// --- HART teams (LD-1) ---------------------------------------------------------------------

export const officeParams = z.strictObject({ officeId: z.uuid() });
export const memberParams = z.strictObject({ officeId: z.uuid(), memberId: z.uuid() });

const person = z.object({ id: z.uuid(), name: z.string() });

export const hartMeetingView = z.object({ id: z.uuid(), heldAt: z.string(), attendees: z.array(person), notes: z.string().nullable() });
export type HartMeetingView = z.infer<typeof hartMeetingView>;

export const hartTeamView = z.object({
  office: z.object({ id: z.uuid(), code: z.string(), name: z.string(), regionCode: z.string().nullable() }),
  members: z.array(z.object({ id: z.uuid(), userId: z.uuid(), name: z.string(), teamRole: z.string(), addedAt: z.string() })),
  lastMeetingAt: z.string().nullable(),
  /** The latest meetings, newest first (at most five). */
  meetings: z.array(hartMeetingView),
  /** Staff of the office who may be added (not already members). */
  candidates: z.array(person),
  can: z.object({ manage: z.boolean(), recordMeeting: z.boolean() }),
});
export type HartTeamView = z.infer<typeof hartTeamView>;

export const addTeamMemberBody = z.strictObject({ userId: z.uuid(), teamRole: shortText(80) });
export type AddTeamMemberBody = z.infer<typeof addTeamMemberBody>;

export const recordMeetingBody = z.strictObject({
  heldAt: instant,
  attendeeIds: z.array(z.uuid()).min(1, 'Choose at least one attendee').max(50),
  notes: optionalText(4000),
  /** A retried request with the same key answers the first meeting (nothing is recorded twice). */
  idempotencyKey: idempotencyKey.optional(),
});
export type RecordMeetingBody = z.infer<typeof recordMeetingBody>;

// --- Support (LD-2, LD-4, DR-3) ------------------------------------------------------------

export const supportListQuery = z.strictObject({ ...pageQueryFields, status: z.enum(supportStatuses).optional() });
export type SupportListQuery = z.infer<typeof supportListQuery>;

export const supportSummaryView = z.object({
  id: z.uuid(),
  kind: z.enum(supportKinds),
  status: z.enum(supportStatuses),
  office: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  requestedBy: person,
  requestedAt: z.string(),
  consult: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  escalatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type SupportSummaryView = z.infer<typeof supportSummaryView>;
export const supportPage = pageOf(supportSummaryView);

export const supportView = supportSummaryView.extend({
  question: z.string(),
  answer: z.object({ text: z.string(), by: person, at: z.string() }).nullable(),
  escalation: z.object({ reason: z.string(), by: person, at: z.string() }).nullable(),
  directorResponse: z.object({ text: z.string(), by: person, at: z.string() }).nullable(),
  can: z.object({ answer: z.boolean(), escalate: z.boolean(), respond: z.boolean() }),
});
export type SupportView = z.infer<typeof supportView>;

export const supportRequestBody = z.strictObject({
  kind: z.enum(supportKinds),
  question: shortText(4000),
  /** The consult the question is about (its office must be the liaison's). */
  consultId: z.uuid().optional(),
  idempotencyKey: idempotencyKey.optional(),
});
export type SupportRequestBody = z.infer<typeof supportRequestBody>;

export const supportAnswerBody = z.strictObject({ answer: shortText(4000), version });
export const supportEscalateBody = z.strictObject({ reason: shortText(4000), version });
export const supportDirectorBody = z.strictObject({ response: shortText(4000), version });
export type SupportAnswerBody = z.infer<typeof supportAnswerBody>;
export type SupportEscalateBody = z.infer<typeof supportEscalateBody>;
export type SupportDirectorBody = z.infer<typeof supportDirectorBody>;

// --- HL-5: the month's HART data -------------------------------------------------------------

export const monthlyDataBody = z.strictObject({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use the form YYYY-MM'),
  note: optionalText(2000),
});
export type MonthlyDataBody = z.infer<typeof monthlyDataBody>;
export const monthlyDataView = z.object({ period: z.string(), completedAt: z.string() });
