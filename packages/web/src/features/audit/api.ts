import type { auditOutcomes } from '@harbor/policy/api';

export type Outcome = (typeof auditOutcomes)[number];

/** The audit page's filters, as kept in the URL. Empty strings match everything. */
export type AuditFilters = {
  username: string;
  recordType: string;
  recordId: string;
  action: string;
  outcome: Outcome | '';
  from: string;
  to: string;
};

export const filterKeys = ['username', 'recordType', 'recordId', 'action', 'outcome', 'from', 'to'] as const satisfies readonly (keyof AuditFilters)[];

/** The trail's order without a choice: newest first (the server's `time`, descending). */
export const auditDefaultSort = { key: 'time', dir: 'desc' } as const;
