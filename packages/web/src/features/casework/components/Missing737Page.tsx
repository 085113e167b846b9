import type { Missing737Item } from '@harbor/policy/api';
import { Link } from 'react-router';
import { Alert } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { allRows, DataTable, type Column } from '../../../components/DataTable';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useMissing737 } from '../api';

/** HL-2: open cases with an HT concern in the liaison's reach whose DCF-737 was not sent, with the reason. */
export function Missing737Page() {
  const { t, lang } = useI18n();
  const m = t.casework.missing737;
  const query = useMissing737();
  const columns: Column<Missing737Item>[] = [
    {
      id: 'number',
      header: m.columns.number,
      className: 'harbor-nowrap',
      sort: { value: (r) => r.number },
      cell: (r) => (
        <Link to={`/cases/${r.caseId}`} className="usa-link">
          {r.number}
        </Link>
      ),
    },
    { id: 'office', header: m.columns.office, sort: { value: (r) => r.officeName }, cell: (r) => r.officeName },
    { id: 'worker', header: m.columns.worker, sort: { value: (r) => r.workerName }, cell: (r) => r.workerName ?? t.common.none },
    { id: 'raised', header: m.columns.raised, className: 'harbor-time', sort: { value: (r) => r.htConcernAt }, cell: (r) => formatDateTime(r.htConcernAt, lang) },
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
        list={allRows(query)}
        columns={columns}
        rowKey={(r) => r.caseId}
        caption={m.caption}
        count={(rows) => (rows.length ? m.count(rows.length) : null)}
        empty={m.empty}
      />
    </>
  );
}
