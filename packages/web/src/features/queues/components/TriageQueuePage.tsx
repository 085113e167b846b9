import type { TriageQueueItem } from '@harbor/policy/api';
import { Link } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useTriageQueue } from '../api';
import { decisionText, ReferralLink, yesNo } from './parts';

/** DR-1: the HART Director's statewide queue, untriaged first (the server's order). */
export function TriageQueuePage() {
  const { t } = useI18n();
  const query = useTriageQueue();
  return (
    <>
      <PageHeading>{t.queues.triageQueue.heading}</PageHeading>
      <p className="usa-intro">{t.queues.triageQueue.intro}</p>
      <QueryState query={query}>
        {(items) => (
          <>
            {items.length > 0 ? (
              <>
                <ResultCount text={t.queues.triageQueue.count(items.length, items.filter((i) => !i.triage).length)} />
                <TriageTable items={items} />
              </>
            ) : (
              <p>{t.queues.triageQueue.empty}</p>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}

function TriageTable({ items }: { items: TriageQueueItem[] }) {
  const { t, lang } = useI18n();
  const c = t.queues.columns;
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="triage-caption">
      <table className="usa-table usa-table--striped harbor-table">
        <caption id="triage-caption">{t.queues.triageQueue.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.number}</th>
            <th scope="col">{c.received}</th>
            <th scope="col">{c.town}</th>
            <th scope="col">{c.ht}</th>
            <th scope="col">{c.dcf737}</th>
            <th scope="col">{c.decision}</th>
            <th scope="col">{c.reasons}</th>
            <th scope="col">{c.triage}</th>
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
              <td>{yesNo(r.htCharacteristics, t)}</td>
              <td>{yesNo(r.dcf737Sent, t)}</td>
              <td>{decisionText(r, t)}</td>
              <td>{r.queueReasons.map((q) => t.queues.queueReasons[q] ?? q).join('; ')}</td>
              <td>
                {r.triage ? (
                  <>
                    {r.triage.outcomes.map((o) => t.queues.outcomes[o]).join('; ')}
                    <span className="harbor-cell-note">{formatDateTime(r.triage.triagedAt, lang)}</span>
                  </>
                ) : (
                  <span className="usa-tag harbor-tag--waiting">{t.queues.notTriaged}</span>
                )}
              </td>
              <td>
                <Link to={`/referrals/${r.id}/triage`} className="usa-link">
                  {t.queues.triageQueue.triage}
                  <span className="usa-sr-only"> {t.queues.triageQueue.triageNumber(r.number)}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
