import { z } from 'zod';
import { pageOf, pageQueryFields, sortDirection } from './common.js';

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
  ...pageQueryFields,
  /** The trail's one order: the time it was written (the row id, which the filters' indexes end with). */
  sort: z.enum(['time']).default('time'),
  dir: sortDirection.default('desc'),
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

export const auditPage = pageOf(auditRowView);
export type AuditPage = z.infer<typeof auditPage>;
