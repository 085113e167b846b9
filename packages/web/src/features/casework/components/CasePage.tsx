import type { CaseAllegationView, CaseView } from '@harbor/policy/api';
import { DataTable } from '../../../components/DataTable';
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
import { CasePhoneNoticeForm } from './CasePhoneNoticeForm';
import { ConsultList, DutiesTable } from './parts';

/** One open case: the child, the worker, each HT allegation with its DCF-737s and Careline referral, consults and duties (OG-1 .. OG-4). */
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
        {c.missing737 ? <Alert kind="warning">{p.missing737}</Alert> : null}
        {c.allegations.length === 0 ? (
          <>
            <p>{p.noConcern}</p>
            {c.canRaise ? <LinkButton to={`/cases/${c.id}/ht-concern`}>{p.raise}</LinkButton> : null}
          </>
        ) : (
          <>
            {c.allegations.map((a) => (
              <Allegation key={a.seq} a={a} />
            ))}
            {c.canRaise && c.notices.some((n) => n.means === 'phone' && n.status === 'awaiting_entry') ? <CasePhoneNoticeForm caseId={c.id} /> : null}
            {c.canRaise ? <LinkButton to={`/cases/${c.id}/ht-allegation`}>{p.newAllegation}</LinkButton> : null}
          </>
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

/** One HT allegation (OG-1 .. OG-3): when and by whom, the red flags, the words, its Careline referral, its consult and its DCF-737s. */
function Allegation({ a }: { a: CaseAllegationView }) {
  const { t, lang } = useI18n();
  const p = t.casework.page;
  const heading = `allegation-${a.seq}`;
  return (
    <section aria-labelledby={heading} className="harbor-section">
      <h3 id={heading}>{p.allegation(a.seq)}</h3>
      <p>{p.raisedBy(formatDateTime(a.at, lang), a.byName ?? t.common.notRecorded)}</p>
      <h4>{p.redFlags}</h4>
      <ul className="usa-list">
        {a.indicators.map((code) => (
          <li key={code}>{policyWord(t.policy.indicators, code, code)}</li>
        ))}
      </ul>
      <h4>{p.narrative}</h4>
      <p className="harbor-narrative">{a.narrative}</p>
      {a.notes ? (
        <>
          <h4>{p.notes}</h4>
          <p>{a.notes}</p>
        </>
      ) : null}
      {a.referral ? (
        <p>
          {p.referral}: <strong>{a.referral.number}</strong> ({t.referrals.statuses[a.referral.status]})
        </p>
      ) : null}
      {a.consult ? <p>{a.consult.requested ? p.consultRequested(a.consult.number) : p.consultOpen(a.consult.number)}</p> : null}
      <h4>{p.notices}</h4>
      <DataTable
        rows={a.notices}
        columns={[
          { id: 'party', header: p.party, cell: (n) => (n.means === 'phone' ? p.byPhone(t.casework.parties[n.party] ?? n.party) : (t.casework.parties[n.party] ?? n.party)) },
          { id: 'to', header: p.to, cell: (n) => n.partnerName },
          {
            id: 'status',
            header: p.status,
            cell: (n) => (
              <>
                {t.casework.noticeStatuses[n.status] ?? n.status}
                {n.phoneCall ? <div>{p.phoneCall(n.phoneCall.officerName, formatDateTime(n.phoneCall.calledAt, lang))}</div> : null}
              </>
            ),
          },
        ]}
        rowKey={(n) => n.id}
        caption={p.noticesCaption(a.seq)}
        empty={p.noNotices}
      />
    </section>
  );
}
