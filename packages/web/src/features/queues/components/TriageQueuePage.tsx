import { triageQueuePage, type TriageQueueItem } from '@harbor/policy/api';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../../components/DataTable';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/format';
import { usePagedList, wholeList } from '../../../lib/paged-list';
import { useI18n } from '../../../i18n';
import { decisionText, ReferralLink, yesNo } from './parts';

/** DR-1: the HART Director's statewide queue, one server page at a time, untriaged first then newest (the server's only order). */
export function TriageQueuePage() {
  const { t, lang } = useI18n();
  const list = usePagedList('referrals', '/api/referrals/triage-queue', {}, triageQueuePage);
  const c = t.queues.columns;
  const q = t.queues.triageQueue;
  const columns: Column<TriageQueueItem>[] = [
    { id: 'number', header: c.number, className: 'harbor-nowrap', cell: (r) => <ReferralLink id={r.id} number={r.number} /> },
    { id: 'received', header: c.received, className: 'harbor-time', cell: (r) => (r.receivedAt ? formatDateTime(r.receivedAt, lang) : t.queues.notRecorded) },
    { id: 'town', header: c.town, cell: (r) => r.townName ?? t.queues.notRecorded },
    { id: 'ht', header: c.ht, cell: (r) => yesNo(r.htCharacteristics, t) },
    { id: 'dcf737', header: c.dcf737, cell: (r) => yesNo(r.dcf737Sent, t) },
    { id: 'decision', header: c.decision, cell: (r) => decisionText(r, t) },
    { id: 'reasons', header: c.reasons, cell: (r) => r.queueReasons.map((x) => t.queues.queueReasons[x] ?? x).join('; ') },
    {
      id: 'triage',
      header: c.triage,
      cell: (r) =>
        r.triage ? (
          <>
            {r.triage.outcomes.map((o) => t.queues.outcomes[o]).join('; ')}
            <span className="harbor-cell-note">{formatDateTime(r.triage.triagedAt, lang)}</span>
          </>
        ) : (
          <span className="usa-tag harbor-tag--waiting">{t.queues.notTriaged}</span>
        ),
    },
    {
      id: 'action',
      header: c.action,
      cell: (r) => (
        <Link to={`/referrals/${r.id}/triage`} className="usa-link">
          {q.triage}
          <span className="usa-sr-only"> {q.triageNumber(r.number)}</span>
        </Link>
      ),
    },
  ];
  return (
    <>
      <PageHeading>{q.heading}</PageHeading>
      <p className="usa-intro">{q.intro}</p>
      <DataTable
        list={list}
        columns={columns}
        rowKey={(r) => r.id}
        caption={q.caption}
        count={(items) => (items.length && wholeList(list) ? q.count(items.length, items.filter((i) => !i.triage).length) : null)}
        empty={q.empty}
      />
    </>
  );
}
