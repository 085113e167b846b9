import { z } from 'zod';
import { pageOf, pageQueryFields, shortText, sortDirection } from './common.js';

/** CF-1: administrative changes that wait for a second administrator. */
export const approvalKinds = ['directory.email', 'user.create', 'user.update', 'user.reset_password'] as const;
export type ApprovalKind = (typeof approvalKinds)[number];
export const approvalStatuses = ['pending', 'approved', 'rejected'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

/** One changed field as the approver reads it (no password, no child data: accounts and addresses). */
export const approvalChange = z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() });

export const approvalView = z.object({
  id: z.uuid(),
  kind: z.enum(approvalKinds),
  targetType: z.enum(['partner_agency', 'user']),
  /** Null for an account that does not exist until the change is approved. */
  targetId: z.uuid().nullable(),
  /** The party's or the account's name: "HART Director", "jdoe (Jane Doe)". */
  targetLabel: z.string(),
  changes: z.array(approvalChange),
  /** The reach to child records the change gives (`hart_director: statewide`); empty for an address change. */
  reachGained: z.array(z.string()),
  status: z.enum(approvalStatuses),
  requestedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  requestedAt: z.string(),
  decidedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  /** The caller asked for it (and so may not approve it). */
  mine: z.boolean(),
});
export type ApprovalView = z.infer<typeof approvalView>;

/** The answer (202) of a change that now waits for a second administrator. */
export const approvalPending = z.object({ pending: z.literal(true), approval: approvalView });
export type ApprovalPending = z.infer<typeof approvalPending>;

/** What the list orders by: when the change was asked for (the default), or when it was decided (a pending change by when it was asked). */
export const approvalSorts = ['requestedAt', 'decidedAt'] as const;
export type ApprovalSort = (typeof approvalSorts)[number];
/** Newest first unless asked otherwise, a page at a time (issue 11). */
export const approvalListQuery = z.strictObject({
  status: z.enum(approvalStatuses).default('pending'),
  sort: z.enum(approvalSorts).default('requestedAt'),
  dir: sortDirection.default('desc'),
  ...pageQueryFields,
});
export const approvalPage = pageOf(approvalView);
export type ApprovalListQuery = z.infer<typeof approvalListQuery>;

export const approveBody = z.strictObject({});
export const rejectBody = z.strictObject({ reason: shortText(500) });
export type RejectBody = z.infer<typeof rejectBody>;
