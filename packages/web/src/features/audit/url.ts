import { auditOutcomes } from '@harbor/policy/api';
import type { AuditFilters, Outcome } from './api';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isOutcome = (v: string): v is Outcome => (auditOutcomes as readonly string[]).includes(v);

/** The filters, read from the URL; anything malformed there is ignored. (The page and sort are usePagedList's.) */
export function readFilters(params: URLSearchParams): AuditFilters {
  const get = (k: string) => (params.get(k) ?? '').slice(0, 80);
  const outcome = get('outcome');
  return {
    username: get('username'),
    recordType: get('recordType'),
    recordId: get('recordId'),
    action: get('action'),
    outcome: isOutcome(outcome) ? outcome : '',
    from: isoDate.test(get('from')) ? get('from') : '',
    to: isoDate.test(get('to')) ? get('to') : '',
  };
}
