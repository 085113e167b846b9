import { z } from 'zod';

export const auditOutcomes = ['success', 'failure', 'denied'] as const;

export const auditQuery = z.strictObject({
  userId: z.uuid().optional(),
  username: z.string().max(64).optional(),
  recordType: z.string().max(40).optional(),
  recordId: z.string().max(80).optional(),
  action: z.string().max(60).optional(),
  outcome: z.enum(auditOutcomes).optional(),
  from: z.iso.date().refine((d) => d >= '1900-01-01', 'Enter a date after 1900').optional(),
  to: z.iso.date().refine((d) => d >= '1900-01-01', 'Enter a date after 1900').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditRowView = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  roles: z.string().nullable(),
  officeCode: z.string().nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  outcome: z.enum(auditOutcomes),
  requestId: z.string().nullable(),
  clientAddress: z.string().nullable(),
});
export type AuditRowView = z.infer<typeof auditRowView>;

export const auditPage = z.object({ rows: z.array(auditRowView), nextBefore: z.number().int().nullable() });
