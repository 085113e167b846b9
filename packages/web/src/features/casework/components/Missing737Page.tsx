import { Link } from 'react-router';
import { Alert } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useMissing737 } from '../api';

/** HL-2: open cases with an HT concern in the liaison's reach whose DCF-737 was not sent, with the reason. */
export function Missing737Page() {
  const { t, lang } = useI18n();
  const m = t.casework.missing737;
  const query = useMissing737();
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
      <QueryState query={query}>
        {(rows) =>
          rows.length === 0 ? (
            <p>{m.empty}</p>
          ) : (
            <>
              <ResultCount text={m.count(rows.length)} />
              <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="missing-caption">
                <table className="usa-table usa-table--striped harbor-table">
                  <caption id="missing-caption">{m.caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.columns.number}</th>
                      <th scope="col">{m.columns.office}</th>
                      <th scope="col">{m.columns.worker}</th>
                      <th scope="col">{m.columns.raised}</th>
                      <th scope="col">{m.columns.reason}</th>
                      <th scope="col">{m.columns.parties}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.caseId}>
                        <th scope="row" className="harbor-nowrap">
                          <Link to={`/cases/${r.caseId}`} className="usa-link">
                            {r.number}
                          </Link>
                        </th>
                        <td>{r.officeName}</td>
                        <td>{r.workerName ?? t.common.none}</td>
                        <td className="harbor-time">{formatDateTime(r.htConcernAt, lang)}</td>
                        <td>
                          <span className="usa-tag harbor-tag--overdue">{m.reasons[r.reason] ?? r.reason}</span>
                        </td>
                        <td>{r.parties.map((p) => t.casework.parties[p] ?? p).join(', ') || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        }
      </QueryState>
    </>
  );
}
