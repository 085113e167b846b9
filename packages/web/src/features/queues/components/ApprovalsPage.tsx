import type { ReferralSummaryView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { allRows, DataTable, type Column } from '../../../components/DataTable';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useApprovalQueue } from '../api';
import { ReferralLink } from './parts';
import { isNonAcceptanceReason } from './reasons';

/** CL-2: the non-acceptances waiting for a Careline supervisor, oldest decision first. */
export function ApprovalsPage() {
  const { t, lang } = useI18n();
  const query = useApprovalQueue();
  const a = t.queues.approvals;
  const c = t.queues.columns;
  const oldestFirst = { ...query, data: query.data ? [...query.data].sort((x, y) => (x.decidedAt ?? '').localeCompare(y.decidedAt ?? '')) : undefined };
  const columns: Column<ReferralSummaryView>[] = [
    { id: 'number', header: c.number, className: 'harbor-nowrap', sort: { value: (r) => r.number }, cell: (r) => <ReferralLink id={r.id} number={r.number} /> },
    { id: 'received', header: c.received, className: 'harbor-time', sort: { value: (r) => r.receivedAt }, cell: (r) => (r.receivedAt ? formatDateTime(r.receivedAt, lang) : t.queues.notRecorded) },
    { id: 'town', header: c.town, sort: { value: (r) => r.townName }, cell: (r) => r.townName ?? t.queues.notRecorded },
    {
      id: 'reason',
      header: c.reason,
      cell: (r) => (r.nonAcceptanceReason && isNonAcceptanceReason(r.nonAcceptanceReason) ? t.queues.reasons[r.nonAcceptanceReason] : t.queues.notRecorded),
    },
    { id: 'decided', header: c.decided, className: 'harbor-time', sort: { value: (r) => r.decidedAt }, cell: (r) => (r.decidedAt ? formatDateTime(r.decidedAt, lang) : t.queues.notRecorded) },
    {
      id: 'action',
      header: c.action,
      cell: (r) => (
        <Link to={`/referrals/${r.id}/approval`} className="usa-link">
          {a.review}
          <span className="usa-sr-only"> {t.queues.triageQueue.triageNumber(r.number)}</span>
        </Link>
      ),
    },
  ];
  return (
    <>
      <PageHeading>{a.heading}</PageHeading>
      <p className="usa-intro">{a.intro}</p>
      <DataTable
        list={allRows(oldestFirst)}
        columns={columns}
        rowKey={(r) => r.id}
        caption={a.caption}
        count={(items) => (items.length ? a.count(items.length) : null)}
        empty={a.empty}
      />
    </>
  );
}
