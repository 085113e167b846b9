import type { AuditRowView } from '@harbor/policy/api';
import type { ReactNode } from 'react';
import { DataTable, type Column, type ListSource } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';

const outcomeTag = { success: 'harbor-tag--active', failure: 'harbor-tag--locked', denied: 'harbor-tag--disabled' } as const;

/** The trail's entries; `children` are the filters shown above them. */
export function AuditTable({ list, children }: { list: ListSource<AuditRowView>; children?: ReactNode }) {
  const { t, lang } = useI18n();
  const c = t.audit.columns;
  const columns: Column<AuditRowView>[] = [
    {
      id: 'time',
      header: c.time,
      sort: { key: 'time', value: (r) => r.id },
      className: 'harbor-time',
      cell: (r) => <time dateTime={r.occurredAt}>{formatDateTime(r.occurredAt, lang, { seconds: true })}</time>,
    },
    {
      id: 'user',
      header: c.user,
      cell: (r) => (
        <>
          {r.username ?? t.audit.system}
          {r.roles ? <span className="harbor-cell-note">{r.roles}</span> : null}
        </>
      ),
    },
    { id: 'office', header: c.office, cell: (r) => r.officeCode ?? '' },
    { id: 'action', header: c.action, cell: (r) => <code>{r.action}</code> },
    {
      id: 'record',
      header: c.record,
      cell: (r) => (
        <>
          {r.recordType ?? ''}
          {r.recordId ? <span className="harbor-cell-note harbor-id">{r.recordId}</span> : null}
        </>
      ),
    },
    { id: 'outcome', header: c.outcome, cell: (r) => <span className={`usa-tag ${outcomeTag[r.outcome]}`}>{t.audit.outcomes[r.outcome]}</span> },
    { id: 'client', header: c.client, className: 'harbor-id', cell: (r) => r.clientAddress ?? '' },
    { id: 'request', header: c.request, className: 'harbor-id', cell: (r) => r.requestId ?? '' },
  ];
  return (
    <DataTable
      list={list}
      columns={columns}
      rowKey={(r) => String(r.id)}
      caption={t.audit.caption}
      compact
      count={(rows) => t.audit.count(rows.length)}
      empty={null}
      emphasis={(r) => r.outcome === 'denied' && 'alert'}
    >
      {children}
    </DataTable>
  );
}
