import { isPartyKind } from '../api';
import type { OutboxRowView } from '@harbor/policy/api';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';

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

export function OutboxTable({ rows }: { rows: OutboxRowView[] }) {
  const { t, lang } = useI18n();
  const c = t.outbox.columns;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang, { seconds: true }) : t.common.never);
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="outbox-caption">
      <table className="usa-table usa-table--striped harbor-table">
        <caption id="outbox-caption">{t.outbox.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.to}</th>
            <th scope="col">{c.party}</th>
            <th scope="col">{c.subject}</th>
            <th scope="col">{c.status}</th>
            <th scope="col">{c.attempts}</th>
            <th scope="col">{c.lastError}</th>
            <th scope="col">{c.sent}</th>
            <th scope="col">{c.acknowledged}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.toName ?? r.toAddress}
                {r.toName ? <span className="harbor-cell-note">{r.toAddress}</span> : null}
              </th>
              <td>{r.partyKind ? (isPartyKind(r.partyKind) ? t.queues.parties[r.partyKind] : r.partyKind) : t.common.none}</td>
              <td>{r.subject}</td>
              <td className="harbor-status">
                <StatusTag row={r} />
              </td>
              <td>{r.attempts}</td>
              <td>{r.lastError ?? t.common.none}</td>
              <td className="harbor-time">{when(r.sentAt)}</td>
              <td className="harbor-time">{when(r.acknowledgedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
