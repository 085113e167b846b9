import type { ConsultSummary, DutyView } from '@harbor/policy/api';
import { Link } from 'react-router';
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
  if (duties.length === 0) return <p>{p.noDuties}</p>;
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-label={caption}>
      <table className="usa-table usa-table--striped harbor-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{p.clause}</th>
            <th scope="col">{p.duty}</th>
            <th scope="col">{p.due}</th>
            <th scope="col">{p.state}</th>
          </tr>
        </thead>
        <tbody>
          {duties.map((d) => (
            <tr key={d.id}>
              <td>{d.clause}</td>
              <th scope="row">
                <Link to={`/obligations/${d.id}`} className="usa-link">
                  {policyWord(t.policy.duties, d.completes, d.label)}
                </Link>
                {d.resolution?.outcome || d.resolution?.reason ? <span className="harbor-cell-note">{d.resolution.outcome ?? d.resolution.reason}</span> : null}
              </th>
              <td className="harbor-time">{formatDateTime(d.dueAt, lang)}</td>
              <td>
                <StateTag state={d.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
