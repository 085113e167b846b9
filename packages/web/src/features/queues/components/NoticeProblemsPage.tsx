import { noticeProblemPage, type NoticeProblemView } from '@harbor/policy/api';
import { isPartyKind } from './reasons';
import { DataTable, type Column } from '../../../components/DataTable';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { usePagedList, wholeList } from '../../../lib/paged-list';
import { ReferralLink } from './parts';

/**
 * CL-4: notices whose delivery is failing or failed, escalated to the Careline supervisor. A
 * failure stays visible here; when the list cannot be loaded the page says so plainly.
 */
export function NoticeProblemsPage() {
  const { t, lang } = useI18n();
  // Issue 11: one server page at a time (escalated first, then oldest first), however many fail.
  const list = usePagedList('notice-problems', '/api/referrals/notice-problems', {}, noticeProblemPage);
  const p = t.queues.noticeProblems;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : p.none);
  const columns: Column<NoticeProblemView>[] = [
    { id: 'referral', header: p.columns.referral, className: 'harbor-nowrap', sort: { value: (n) => n.referralNumber }, cell: (n) => <ReferralLink id={n.referralId} number={n.referralNumber} /> },
    {
      id: 'party',
      header: p.columns.party,
      sort: { value: (n) => n.partnerName },
      cell: (n) => (
        <>
          {n.partnerName}
          <span className="harbor-cell-note">{isPartyKind(n.party) ? t.queues.parties[n.party] : n.party}</span>
        </>
      ),
    },
    { id: 'means', header: p.columns.means, cell: (n) => p.means[n.means] ?? n.means },
    { id: 'status', header: p.columns.status, className: 'harbor-status', cell: (n) => <span className="usa-tag harbor-tag--not-sent">{n.statusLabel}</span> },
    { id: 'attempts', header: p.columns.attempts, sort: { value: (n) => n.attempts }, cell: (n) => n.attempts },
    { id: 'lastError', header: p.columns.lastError, cell: (n) => n.lastError ?? p.none },
    { id: 'escalated', header: p.columns.escalated, className: 'harbor-time', sort: { value: (n) => n.escalatedAt }, cell: (n) => when(n.escalatedAt) },
    { id: 'nextAttempt', header: p.columns.nextAttempt, className: 'harbor-time', sort: { value: (n) => n.nextAttemptAt }, cell: (n) => when(n.nextAttemptAt) },
  ];
  return (
    <>
      <PageHeading>{p.heading}</PageHeading>
      <p className="usa-intro">{p.intro}</p>
      <DataTable list={list} columns={columns} rowKey={(n) => n.noticeId} caption={p.caption} count={(items) => (items.length && wholeList(list) ? p.count(items.length) : null)} empty={p.empty} />
    </>
  );
}
