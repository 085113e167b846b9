import type { ConsultSummary, DutyView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { policyWord } from '../../../i18n/policy-word';

/** A duty's state as a tag; overdue stands out. */
export function StateTag({ state }: { state: string }) {
  const { t } = useI18n();
  const cls = { overdue: 'harbor-tag--overdue', open: 'harbor-tag--waiting', done: 'harbor-tag--active', not_needed: 'harbor-tag--disabled' }[state] ?? '';
  return <span className={`usa-tag ${cls}`}>{t.casework.states[state] ?? state}</span>;
}


/** The duties of a record, each linking to its page (/obligations/:id). */
export function DutiesTable({ duties, caption }: { duties: DutyView[]; caption: string }) {
  const { t, lang } = useI18n();
  const p = t.casework.page;
  return (
    <DataTable
      rows={duties}
      columns={[
        { id: 'clause', header: p.clause, sort: { value: (d) => d.clause }, cell: (d) => d.clause },
        {
          id: 'duty',
          header: p.duty,
          cell: (d) => (
            <>
              <Link to={`/obligations/${d.id}`} className="usa-link">
                {policyWord(t.policy.duties, d.completes, d.label)}
              </Link>
              {d.resolution?.outcome || d.resolution?.reason ? <span className="harbor-cell-note">{d.resolution.outcome ?? d.resolution.reason}</span> : null}
            </>
          ),
        },
        { id: 'due', header: p.due, className: 'harbor-time', sort: { value: (d) => d.dueAt }, cell: (d) => formatDateTime(d.dueAt, lang) },
        { id: 'state', header: p.state, sort: { value: (d) => d.state }, cell: (d) => <StateTag state={d.state} /> },
      ]}
      keyColumn="duty"
      rowKey={(d) => d.id}
      caption={caption}
      empty={p.noDuties}
      emphasis={(d) => d.state === 'overdue' && 'overdue'}
    />
  );
}

/** HART consults of a record, each linking to its page (/consults/:id). */
export function ConsultList({ consults, empty }: { consults: ConsultSummary[]; empty: string }) {
  const { t, lang } = useI18n();
  if (consults.length === 0) return <p>{empty}</p>;
  return (
    <ul className="usa-list">
      {consults.map((c) => (
        <li key={c.id}>
          <Link to={`/consults/${c.id}`} className="usa-link">
            {c.number}
          </Link>{' '}
          ({policyWord(t.hart.statuses, c.status, c.status)}, {formatDateTime(c.requestedAt, lang)})
        </li>
      ))}
    </ul>
  );
}
