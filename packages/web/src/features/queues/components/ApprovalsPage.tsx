import { referralSummaryPage, type ReferralSummaryView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../../components/DataTable';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/format';
import { usePagedList, wholeList } from '../../../lib/paged-list';
import { useI18n } from '../../../i18n';
import { ReferralLink } from './parts';
import { isNonAcceptanceReason } from './reasons';

const oldestFirst = { key: 'updatedAt', dir: 'asc' } as const;

/**
 * CL-2: the non-acceptances waiting for a Careline supervisor, one server page at a time, oldest
 * first. The referral list orders by its sort keys only (updatedAt, submittedAt, createdAt), none
 * of them a column here: the queue asks for the least recently changed first, which is the oldest
 * decision first unless a referral was triaged after its decision.
 */
export function ApprovalsPage() {
  const { t, lang } = useI18n();
  const list = usePagedList('referrals', '/api/referrals', { status: 'not_accepted_pending_approval' }, referralSummaryPage, { defaultSort: oldestFirst });
  const a = t.queues.approvals;
  const c = t.queues.columns;
  const columns: Column<ReferralSummaryView>[] = [
    { id: 'number', header: c.number, className: 'harbor-nowrap', cell: (r) => <ReferralLink id={r.id} number={r.number} /> },
    { id: 'received', header: c.received, className: 'harbor-time', cell: (r) => (r.receivedAt ? formatDateTime(r.receivedAt, lang) : t.queues.notRecorded) },
    { id: 'town', header: c.town, cell: (r) => r.townName ?? t.queues.notRecorded },
    {
      id: 'reason',
      header: c.reason,
      cell: (r) => (r.nonAcceptanceReason && isNonAcceptanceReason(r.nonAcceptanceReason) ? t.queues.reasons[r.nonAcceptanceReason] : t.queues.notRecorded),
    },
    { id: 'decided', header: c.decided, className: 'harbor-time', cell: (r) => (r.decidedAt ? formatDateTime(r.decidedAt, lang) : t.queues.notRecorded) },
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
        list={list}
        columns={columns}
        rowKey={(r) => r.id}
        caption={a.caption}
        count={(items) => (items.length && wholeList(list) ? a.count(items.length) : null)}
        empty={a.empty}
      />
    </>
  );
}
