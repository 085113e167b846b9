import { Link } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useApprovalQueue } from '../api';
import { ReferralLink } from './parts';
import { isNonAcceptanceReason } from './reasons';

/** CL-2: the non-acceptances waiting for a Careline supervisor, oldest decision first. */
export function ApprovalsPage() {
  const { t, lang } = useI18n();
  const query = useApprovalQueue();
  const a = t.queues.approvals;
  const c = t.queues.columns;
  return (
    <>
      <PageHeading>{a.heading}</PageHeading>
      <p className="usa-intro">{a.intro}</p>
      <QueryState query={query}>
        {(unsorted) => {
          const items = [...unsorted].sort((x, y) => (x.decidedAt ?? '').localeCompare(y.decidedAt ?? ''));
          return (
            <>
              {items.length > 0 ? <ResultCount text={a.count(items.length)} /> : null}
              {items.length === 0 ? (
                <p>{a.empty}</p>
              ) : (
                <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="approvals-caption">
                  <table className="usa-table usa-table--striped harbor-table">
                    <caption id="approvals-caption">{a.caption}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{c.number}</th>
                        <th scope="col">{c.received}</th>
                        <th scope="col">{c.town}</th>
                        <th scope="col">{c.reason}</th>
                        <th scope="col">{c.decided}</th>
                        <th scope="col">{c.action}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((r) => (
                        <tr key={r.id}>
                          <th scope="row" className="harbor-nowrap">
                            <ReferralLink id={r.id} number={r.number} />
                          </th>
                          <td className="harbor-time">{r.receivedAt ? formatDateTime(r.receivedAt, lang) : t.queues.notRecorded}</td>
                          <td>{r.townName ?? t.queues.notRecorded}</td>
                          <td>{r.nonAcceptanceReason && isNonAcceptanceReason(r.nonAcceptanceReason) ? t.queues.reasons[r.nonAcceptanceReason] : t.queues.notRecorded}</td>
                          <td className="harbor-time">{r.decidedAt ? formatDateTime(r.decidedAt, lang) : t.queues.notRecorded}</td>
                          <td>
                            <Link to={`/referrals/${r.id}/approval`} className="usa-link">
                              {a.review}
                              <span className="usa-sr-only"> {t.queues.triageQueue.triageNumber(r.number)}</span>
                            </Link>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
