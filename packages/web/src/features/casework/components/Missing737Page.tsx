import { missing737Page, type Missing737Item } from '@harbor/policy/api';
import { Link } from 'react-router';
import { Alert } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { DataTable, type Column } from '../../../components/DataTable';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { usePagedList, wholeList } from '../../../lib/paged-list';
import { useI18n } from '../../../i18n';

/**
 * HL-2: open cases with an HT concern in the liaison's reach whose DCF-737 was not sent, with the
 * reason; one server page at a time, the oldest concern first (the server's only order).
 */
export function Missing737Page() {
  const { t, lang } = useI18n();
  const m = t.casework.missing737;
  const list = usePagedList('cases', '/api/cases/missing-737', {}, missing737Page);
  const query = list.query;
  const columns: Column<Missing737Item>[] = [
    {
      id: 'number',
      header: m.columns.number,
      className: 'harbor-nowrap',
      cell: (r) => (
        <Link to={`/cases/${r.caseId}`} className="usa-link">
          {r.number}
        </Link>
      ),
    },
    { id: 'office', header: m.columns.office, cell: (r) => r.officeName },
    { id: 'worker', header: m.columns.worker, cell: (r) => r.workerName ?? t.common.none },
    { id: 'raised', header: m.columns.raised, className: 'harbor-time', cell: (r) => formatDateTime(r.htConcernAt, lang) },
    { id: 'reason', header: m.columns.reason, cell: (r) => <span className="usa-tag harbor-tag--overdue">{m.reasons[r.reason] ?? r.reason}</span> },
    { id: 'parties', header: m.columns.parties, cell: (r) => r.parties.map((p) => t.casework.parties[p] ?? p).join(', ') || '—' },
  ];
  if (query.error instanceof ApiError && query.error.status === 403) {
    return (
      <>
        <PageHeading>{m.heading}</PageHeading>
        <Alert kind="info">{m.forbidden}</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeading>{m.heading}</PageHeading>
      <p className="usa-intro">{m.intro}</p>
      <DataTable
        list={list}
        columns={columns}
        rowKey={(r) => r.caseId}
        caption={m.caption}
        count={(rows) => (rows.length && wholeList(list) ? m.count(rows.length) : null)}
        empty={m.empty}
      />
    </>
  );
}
