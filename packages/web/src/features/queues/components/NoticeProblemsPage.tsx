import { isPartyKind } from './reasons';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useNoticeProblems } from '../api';
import { ReferralLink } from './parts';

/**
 * CL-4: notices whose delivery is failing or failed, escalated to the Careline supervisor. A
 * failure stays visible here; when the list cannot be loaded the page says so plainly.
 */
export function NoticeProblemsPage() {
  const { t, lang } = useI18n();
  const query = useNoticeProblems();
  const p = t.queues.noticeProblems;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : p.none);
  return (
    <>
      <PageHeading>{p.heading}</PageHeading>
      <p className="usa-intro">{p.intro}</p>
      <QueryState query={query}>
        {(items) => (
          <>
            {items.length > 0 ? <ResultCount text={p.count(items.length)} /> : null}
            {items.length === 0 ? (
              <p>{p.empty}</p>
            ) : (
              <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="notice-problems-caption">
                <table className="usa-table usa-table--striped harbor-table">
                  <caption id="notice-problems-caption">{p.caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{p.columns.referral}</th>
                      <th scope="col">{p.columns.party}</th>
                      <th scope="col">{p.columns.means}</th>
                      <th scope="col">{p.columns.status}</th>
                      <th scope="col">{p.columns.attempts}</th>
                      <th scope="col">{p.columns.lastError}</th>
                      <th scope="col">{p.columns.escalated}</th>
                      <th scope="col">{p.columns.nextAttempt}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((n) => (
                      <tr key={n.noticeId}>
                        <th scope="row" className="harbor-nowrap">
                          <ReferralLink id={n.referralId} number={n.referralNumber} />
                        </th>
                        <td>
                          {n.partnerName}
                          <span className="harbor-cell-note">{isPartyKind(n.party) ? t.queues.parties[n.party] : n.party}</span>
                        </td>
                        <td>{p.means[n.means] ?? n.means}</td>
                        <td className="harbor-status">
                          <span className="usa-tag harbor-tag--not-sent">{n.statusLabel}</span>
                        </td>
                        <td>{n.attempts}</td>
                        <td>{n.lastError ?? p.none}</td>
                        <td className="harbor-time">{when(n.escalatedAt)}</td>
                        <td className="harbor-time">{when(n.nextAttemptAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
