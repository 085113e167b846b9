import type { CaseView } from '@harbor/policy/api';
import { Link, useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { DescriptionList } from '../../../components/DescriptionList';
import { BackLink, LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { policyWord } from '../../../i18n/policy-word';
import { useCase } from '../api';
import { ConsultList, DutiesTable } from './parts';

/** One open case: the child, the worker, the HT concern, its DCF-737s, consults and duties (OG-1 .. OG-4). */
export function CasePage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const query = useCase(id);
  return (
    <>
      <BackLink to="/cases">{t.casework.page.back}</BackLink>
      <PageHeading>{t.casework.titles.case}</PageHeading>
      <QueryState query={query}>{(c) => <CaseBody c={c} />}</QueryState>
    </>
  );
}

function CaseBody({ c }: { c: CaseView }) {
  const { t, lang } = useI18n();
  const p = t.casework.page;
  return (
    <>
      <section aria-labelledby="case-summary" className="harbor-section">
        <h2 id="case-summary">{p.summary}</h2>
        <DescriptionList
          items={[
            { term: p.number, value: c.number },
            { term: p.child, value: `${c.child.firstName} ${c.child.lastName}` },
            { term: p.dob, value: c.child.dateOfBirth ? formatDate(c.child.dateOfBirth, lang) : t.common.notRecorded },
            { term: p.office, value: c.officeName },
            { term: p.worker, value: c.workerName ?? t.common.none },
            { term: p.opened, value: formatDateTime(c.openedAt, lang) },
          ]}
        />
        <p>
          <Link to={`/cases/${c.id}/timeline`} className="usa-link">
            {p.timeline}
          </Link>
        </p>
      </section>
      <section aria-labelledby="case-concern" className="harbor-section">
        <h2 id="case-concern">{p.concern}</h2>
        {c.htConcern ? (
          <>
            <p>{p.raisedBy(formatDateTime(c.htConcern.at, lang), c.htConcern.byName ?? t.common.notRecorded)}</p>
            {c.missing737 ? <Alert kind="warning">{p.missing737}</Alert> : null}
            <h3>{p.redFlags}</h3>
            <ul className="usa-list">
              {c.htConcern.indicators.map((code) => (
                <li key={code}>{policyWord(t.policy.indicators, code, code)}</li>
              ))}
            </ul>
            <h3>{p.narrative}</h3>
            <p className="harbor-narrative">{c.htConcern.narrative}</p>
            {c.htConcern.notes ? (
              <>
                <h3>{p.notes}</h3>
                <p>{c.htConcern.notes}</p>
              </>
            ) : null}
            {c.carelineReferral ? (
              <p>
                {p.referral}: <strong>{c.carelineReferral.number}</strong> ({t.referrals.statuses[c.carelineReferral.status]})
              </p>
            ) : null}
          </>
        ) : (
          <>
            <p>{p.noConcern}</p>
            {c.canRaise ? <LinkButton to={`/cases/${c.id}/ht-concern`}>{p.raise}</LinkButton> : null}
          </>
        )}
      </section>
      <section aria-labelledby="case-notices" className="harbor-section">
        <h2 id="case-notices">{p.notices}</h2>
        {c.notices.length === 0 ? (
          <p>{p.noNotices}</p>
        ) : (
          <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="notices-caption">
            <table className="usa-table usa-table--striped harbor-table">
              <caption id="notices-caption">{p.noticesCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{p.party}</th>
                  <th scope="col">{p.to}</th>
                  <th scope="col">{p.status}</th>
                </tr>
              </thead>
              <tbody>
                {c.notices.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">{t.casework.parties[n.party] ?? n.party}</th>
                    <td>{n.partnerName}</td>
                    <td>{t.casework.noticeStatuses[n.status] ?? n.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="case-consults" className="harbor-section">
        <h2 id="case-consults">{p.consults}</h2>
        <ConsultList consults={c.consults} empty={p.noConsults} />
      </section>
      <section aria-labelledby="case-duties" className="harbor-section">
        <h2 id="case-duties">{p.duties}</h2>
        <DutiesTable duties={c.duties} caption={p.dutiesCaption} />
      </section>
    </>
  );
}
