import { auditOutcomes } from '@harbor/policy/api';
import { filterKeys, type AuditFilters, type Outcome } from './api';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isOutcome = (v: string): v is Outcome => (auditOutcomes as readonly string[]).includes(v);

/** The filters and the page, read from the URL; anything malformed there is ignored. */
export function readUrl(params: URLSearchParams): { filters: AuditFilters; before: number | null } {
  const get = (k: string) => (params.get(k) ?? '').slice(0, 80);
  const outcome = get('outcome');
  const before = Number(get('before'));
  return {
    filters: {
      username: get('username'),
      recordType: get('recordType'),
      recordId: get('recordId'),
      action: get('action'),
      outcome: isOutcome(outcome) ? outcome : '',
      from: isoDate.test(get('from')) ? get('from') : '',
      to: isoDate.test(get('to')) ? get('to') : '',
    },
    before: Number.isInteger(before) && before > 0 ? before : null,
  };
}

export function writeUrl(filters: AuditFilters, before: number | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of filterKeys) if (filters[k]) out[k] = filters[k];
  if (before) out['before'] = String(before);
  return out;
}
