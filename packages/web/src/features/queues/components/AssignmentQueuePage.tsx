import { Link } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useAssignmentQueue } from '../api';
import { isOverdue, TimeLeft, useNow } from './DueTime';
import { ReferralLink } from './parts';

/** CL-5: accepted referrals in the supervisor's Regional Office or SIU, soonest due first (the server's order). */
export function AssignmentQueuePage() {
  const { t, lang } = useI18n();
  const query = useAssignmentQueue();
  const now = useNow();
  const a = t.queues.assignment;
  const c = t.queues.columns;
  return (
    <>
      <PageHeading>{a.heading}</PageHeading>
      <p className="usa-intro">{a.intro}</p>
      <QueryState query={query}>
        {(items) => (
          <>
            {items.length > 0 ? <ResultCount text={a.count(items.length, items.filter((r) => isOverdue(r.responseDueAt, now)).length)} /> : null}
            {items.length === 0 ? (
              <p>{a.empty}</p>
            ) : (
              <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="assignment-caption">
                <table className="usa-table usa-table--striped harbor-table">
                  <caption id="assignment-caption">{a.caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{c.number}</th>
                      <th scope="col">{c.received}</th>
                      <th scope="col">{c.town}</th>
                      <th scope="col">{c.office}</th>
                      <th scope="col">{c.due}</th>
                      <th scope="col">{c.timeLeft}</th>
                      <th scope="col">{c.action}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((r) => (
                      <tr key={r.id} className={isOverdue(r.responseDueAt, now) ? 'harbor-row--overdue' : undefined}>
                        <th scope="row" className="harbor-nowrap">
                          <ReferralLink id={r.id} number={r.number} />
                        </th>
                        <td className="harbor-time">{r.receivedAt ? formatDateTime(r.receivedAt, lang) : t.queues.notRecorded}</td>
                        <td>{r.townName ?? t.queues.notRecorded}</td>
                        <td>{r.assignedOfficeCode ?? t.queues.notRecorded}</td>
                        <td className="harbor-time">{r.responseDueAt ? formatDateTime(r.responseDueAt, lang) : a.noDue}</td>
                        <td>
                          <TimeLeft dueAt={r.responseDueAt} now={now} />
                        </td>
                        <td>
                          <Link to={`/referrals/${r.id}/assignment`} className="usa-link">
                            {a.assign}
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
        )}
      </QueryState>
    </>
  );
}
