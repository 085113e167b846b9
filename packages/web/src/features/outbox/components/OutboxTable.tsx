import type { OutboxRowView } from '@harbor/policy/api';
import type { ReactNode } from 'react';
import { DataTable, type Column, type ListSource } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { isPartyKind } from '../api';

/** The status in the server's plain words, as a tag: anything not accepted by a mail server reads "Not sent". */
function StatusTag({ row }: { row: OutboxRowView }) {
  const { t } = useI18n();
  const kind = row.notSent ? 'not-sent' : row.status === 'acknowledged' || row.status === 'sent' ? 'sent' : 'waiting';
  return (
    <span className="harbor-tags">
      {row.notSent && row.status !== 'held_no_transport' ? <span className="usa-tag harbor-tag--not-sent">{t.outbox.notSent}</span> : null}
      <span className={`usa-tag harbor-tag--${kind}`}>{row.statusLabel}</span>
    </span>
  );
}

/** The messages of one page; `first` is the index of the page's first row, `children` the filters. */
export function OutboxTable({ list, first, children }: { list: ListSource<OutboxRowView>; first: number; children?: ReactNode }) {
  const { t, lang } = useI18n();
  const c = t.outbox.columns;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang, { seconds: true }) : t.common.never);
  const columns: Column<OutboxRowView>[] = [
    {
      id: 'to',
      header: c.to,
      cell: (r) => (
        <>
          {r.toName ?? r.toAddress}
          {r.toName ? <span className="harbor-cell-note">{r.toAddress}</span> : null}
        </>
      ),
    },
    { id: 'party', header: c.party, cell: (r) => (r.partyKind ? (isPartyKind(r.partyKind) ? t.queues.parties[r.partyKind] : r.partyKind) : t.common.none) },
    { id: 'subject', header: c.subject, cell: (r) => r.subject },
    { id: 'status', header: c.status, className: 'harbor-status', cell: (r) => <StatusTag row={r} /> },
    { id: 'attempts', header: c.attempts, cell: (r) => r.attempts },
    { id: 'lastError', header: c.lastError, cell: (r) => r.lastError ?? t.common.none },
    { id: 'sent', header: c.sent, className: 'harbor-time', cell: (r) => when(r.sentAt) },
    { id: 'acknowledged', header: c.acknowledged, className: 'harbor-time', cell: (r) => when(r.acknowledgedAt) },
    { id: 'created', header: c.created, className: 'harbor-time', sort: { key: 'created', value: (r) => r.createdAt }, cell: (r) => when(r.createdAt) },
  ];
  return (
    <DataTable
      list={list}
      columns={columns}
      rowKey={(r) => r.id}
      caption={t.outbox.caption}
      count={(rows) => t.outbox.range(rows.length ? first + 1 : 0, first + rows.length)}
      empty={null}
      emphasis={(r) => r.status === 'failed' && 'alert'}
    >
      {children}
    </DataTable>
  );
}
