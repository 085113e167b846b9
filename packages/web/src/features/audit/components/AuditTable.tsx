import type { AuditRowView } from '@harbor/policy/api';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';

const outcomeTag = { success: 'harbor-tag--active', failure: 'harbor-tag--locked', denied: 'harbor-tag--disabled' } as const;

export function AuditTable({ rows }: { rows: AuditRowView[] }) {
  const { t, lang } = useI18n();
  const c = t.audit.columns;
  return (
    <div id="audit-results" className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="audit-caption">
      <table className="usa-table usa-table--striped usa-table--compact harbor-table">
        <caption id="audit-caption">{t.audit.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.time}</th>
            <th scope="col">{c.user}</th>
            <th scope="col">{c.office}</th>
            <th scope="col">{c.action}</th>
            <th scope="col">{c.record}</th>
            <th scope="col">{c.outcome}</th>
            <th scope="col">{c.client}</th>
            <th scope="col">{c.request}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="harbor-time">
                <time dateTime={r.occurredAt}>{formatDateTime(r.occurredAt, lang, { seconds: true })}</time>
              </th>
              <td>
                {r.username ?? t.audit.system}
                {r.roles ? <span className="harbor-cell-note">{r.roles}</span> : null}
              </td>
              <td>{r.officeCode ?? ''}</td>
              <td>
                <code>{r.action}</code>
              </td>
              <td>
                {r.recordType ?? ''}
                {r.recordId ? <span className="harbor-cell-note harbor-id">{r.recordId}</span> : null}
              </td>
              <td>
                <span className={`usa-tag ${outcomeTag[r.outcome]}`}>{t.audit.outcomes[r.outcome]}</span>
              </td>
              <td className="harbor-id">{r.clientAddress ?? ''}</td>
              <td className="harbor-id">{r.requestId ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
