import { z } from 'zod';

/**
 * CL-4: a notice whose delivery is failing or has failed and was escalated to the Careline
 * supervisor (GET /api/referrals/notice-problems). A failure stays visible until it is resolved.
 */
export const noticeProblemView = z.object({
  noticeId: z.uuid(),
  referralId: z.uuid(),
  referralNumber: z.string(),
  party: z.string(),
  partnerName: z.string(),
  means: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NoticeProblemView = z.infer<typeof noticeProblemView>;

/** CL-5: an investigation social worker a supervisor may assign (GET /api/referrals/investigators). */
export const investigatorView = z.object({ id: z.uuid(), name: z.string(), officeCode: z.string(), openAssignments: z.number().int() });
export type InvestigatorView = z.infer<typeof investigatorView>;
