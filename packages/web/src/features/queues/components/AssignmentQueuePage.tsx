import { referralSummaryPage, type ReferralSummaryView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../../components/DataTable';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/format';
import { usePagedList, wholeList } from '../../../lib/paged-list';
import { useI18n } from '../../../i18n';
import { isOverdue, TimeLeft, useNow } from './DueTime';
import { ReferralLink } from './parts';

/** CL-5: accepted referrals in the supervisor's Regional Office or SIU, one server page at a time, soonest due first (the server's only order). */
export function AssignmentQueuePage() {
  const { t, lang } = useI18n();
  const list = usePagedList('referrals', '/api/referrals/assignment-queue', {}, referralSummaryPage);
  const now = useNow();
  const a = t.queues.assignment;
  const c = t.queues.columns;
  const columns: Column<ReferralSummaryView>[] = [
    { id: 'number', header: c.number, className: 'harbor-nowrap', cell: (r) => <ReferralLink id={r.id} number={r.number} /> },
    { id: 'received', header: c.received, className: 'harbor-time', cell: (r) => (r.receivedAt ? formatDateTime(r.receivedAt, lang) : t.queues.notRecorded) },
    { id: 'town', header: c.town, cell: (r) => r.townName ?? t.queues.notRecorded },
    { id: 'office', header: c.office, cell: (r) => r.assignedOfficeCode ?? t.queues.notRecorded },
    { id: 'due', header: c.due, className: 'harbor-time', cell: (r) => (r.responseDueAt ? formatDateTime(r.responseDueAt, lang) : a.noDue) },
    { id: 'timeLeft', header: c.timeLeft, cell: (r) => <TimeLeft dueAt={r.responseDueAt} now={now} /> },
    {
      id: 'action',
      header: c.action,
      cell: (r) => (
        <Link to={`/referrals/${r.id}/assignment`} className="usa-link">
          {a.assign}
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
        count={(items) => (items.length && wholeList(list) ? a.count(items.length, items.filter((r) => isOverdue(r.responseDueAt, now)).length) : null)}
        empty={a.empty}
        emphasis={(r) => isOverdue(r.responseDueAt, now) && 'overdue'}
      />
    </>
  );
}
