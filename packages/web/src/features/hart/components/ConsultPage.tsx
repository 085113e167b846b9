import type { ConsultView } from '@harbor/policy/api';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { DescriptionList } from '../../../components/DescriptionList';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { policyWord } from '../../../i18n/policy-word';
import { useConsult, useEnter } from '../api';
import { DecisionMapForm } from './DecisionMapForm';
import { HoldForm } from './HoldForm';
import { OverrideForm } from './OverrideForm';

/** HL-1 .. HL-6: one consult: the request and its due time, the consult held, the Decision Map, overrides, entry. */
export function ConsultPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const query = useConsult(id);
  return (
    <>
      <BackLink to="/consults">{t.hart.consult.back}</BackLink>
      <QueryState query={query}>{(consult) => <Consult consult={consult} />}</QueryState>
    </>
  );
}

function Consult({ consult }: { consult: ConsultView }) {
  const { t, lang } = useI18n();
  const c = t.hart.consult;
  const [done, setDone] = useState<string | null>(null);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : t.hart.notRecorded);
  return (
    <>
      <PageHeading>{c.heading(consult.number)}</PageHeading>
      <div role="status">{done ? <Alert kind="success">{done}</Alert> : null}</div>
      <section aria-labelledby="request-heading">
        <h2 id="request-heading">{c.request}</h2>
        <DescriptionList
          items={[
            { term: c.status, value: t.hart.statuses[consult.status] },
            {
              term: c.subject,
              value: (
                <>
                  {`${c.subjectKinds[consult.subject.type]} ${consult.subject.number ?? ''}`}{' '}
                  <Link className="usa-link margin-left-1" to={`/${consult.subject.type === 'referral' ? 'referrals' : 'cases'}/${consult.subject.id}/timeline`}>
                    {c.timeline}
                  </Link>
                </>
              ),
            },
            { term: c.office, value: consult.office.name },
            { term: c.requestedBy, value: consult.requestedBy.name },
            { term: c.requestedAt, value: when(consult.requestedAt) },
            {
              term: c.due,
              value: (
                <>
                  {when(consult.dueAt)}
                  {consult.overdue ? <span className="usa-tag harbor-tag--overdue margin-left-1">{c.overdue}</span> : null}
                </>
              ),
            },
            { term: c.reason, value: consult.reason ?? t.hart.notRecorded },
          ]}
        />
      </section>
      {consult.record ? <Record consult={consult} /> : null}
      {consult.can.hold ? <HoldForm consult={consult} onDone={setDone} /> : null}
      <section aria-labelledby="map-heading" className="margin-top-4">
        <h2 id="map-heading">{t.hart.map.heading}</h2>
        <MapResult consult={consult} />
        {consult.can.decisionMap ? <DecisionMapForm key={consult.version} consult={consult} onDone={setDone} /> : null}
      </section>
      {consult.can.override ? <OverrideForm consult={consult} onDone={setDone} /> : null}
      <Entry consult={consult} onDone={setDone} />
    </>
  );
}

function Record({ consult }: { consult: ConsultView }) {
  const { t, lang } = useI18n();
  const c = t.hart.consult;
  const r = consult.record!;
  return (
    <section aria-labelledby="record-heading" className="margin-top-4">
      <h2 id="record-heading">{c.record}</h2>
      <DescriptionList
        items={[
          { term: c.heldAt, value: consult.heldAt ? formatDateTime(consult.heldAt, lang) : t.hart.notRecorded },
          { term: c.liaison, value: consult.liaison?.name ?? t.hart.notRecorded },
          {
            term: c.participants,
            value: (
              <ul className="usa-list">
                {r.participants.map((p, i) => (
                  <li key={i}>{`${p.name}, ${p.role}`}</li>
                ))}
              </ul>
            ),
          },
          { term: c.informationReviewed, value: r.informationReviewed },
          { term: c.recommendations, value: r.recommendations },
          { term: c.mdtCollaborated, value: r.mdtCollaborated ? t.common.yes : t.common.no },
          { term: c.lawEnforcement, value: r.lawEnforcementAssistance ?? t.common.none },
        ]}
      />
    </section>
  );
}

function MapResult({ consult }: { consult: ConsultView }) {
  const { t, lang } = useI18n();
  const m = t.hart.map;
  const map = consult.decisionMap;
  if (!map) return <p>{m.notDone}</p>;
  const inForce = { sex: consult.riskSex, labor: consult.riskLabor };
  return (
    <>
      <h3>{m.levels}</h3>
      <DescriptionList
        items={(['sex', 'labor'] as const).map((b) => ({
          term: m.branches[b],
          value: (
            <span id={`level-in-force-${b}`}>
              {inForce[b] ? t.hart.levels[inForce[b]] : t.hart.notRecorded}
              {inForce[b] !== map[b].level ? ` (${m.mapLevel}: ${t.hart.levels[map[b].level]})` : null}
            </span>
          ),
        }))}
      />
      <p className="usa-hint">{m.completedBy(map.completedBy.name, formatDateTime(map.completedAt, lang))}</p>
      {(['sex', 'labor'] as const).map((b) => (
        <div key={b}>
          <h3>{m.path(m.branches[b])}</h3>
          <ol className="usa-list">
            {map[b].path.map((s) => (
              <li key={s.question}>{`${policyWord(t.policy.map.questions, s.question, s.questionText)} ${policyWord(t.policy.map.answers, s.answer, s.answerLabel)}`}</li>
            ))}
          </ol>
        </div>
      ))}
      {consult.override ? (
        <Alert kind="info" heading={t.hart.override.recorded(consult.override.by.name, formatDateTime(consult.override.at, lang))}>
          <ul className="usa-list">
            {(['sex', 'labor'] as const).flatMap((b) => {
              const o = consult.override?.[b];
              return o ? [<li key={b}>{`${m.branches[b]}: ${t.hart.override.from(t.hart.levels[o.from], t.hart.levels[o.to])}`}</li>] : [];
            })}
          </ul>
          <p>{consult.override.reason}</p>
        </Alert>
      ) : null}
    </>
  );
}

function Entry({ consult, onDone }: { consult: ConsultView; onDone: (text: string) => void }) {
  const { t, lang } = useI18n();
  const e = t.hart.enter;
  const enter = useEnter(consult.id);
  const [error, setError] = useState<string | null>(null);
  if (consult.status === 'requested') return null;
  return (
    <section aria-labelledby="enter-heading" className="margin-top-4">
      <h2 id="enter-heading">{e.heading}</h2>
      {consult.enteredAt ? (
        <p>{t.hart.consult.enteredBy(consult.enteredBy?.name ?? '', formatDateTime(consult.enteredAt, lang))}</p>
      ) : (
        <>
          <p>
            {t.hart.consult.enterDue}: {consult.enterDueAt ? formatDateTime(consult.enterDueAt, lang) : t.hart.notRecorded}
          </p>
          {error ? <Alert kind="error">{error}</Alert> : null}
          {consult.can.enter ? (
            <>
              <p>{e.body}</p>
              <button
                type="button"
                id="enter-submit"
                className="usa-button"
                disabled={enter.isPending}
                onClick={() =>
                  void enter.mutateAsync({ version: consult.version }).then(
                    () => onDone(e.done),
                    (err: unknown) => setError(err instanceof Error ? err.message : t.common.network),
                  )
                }
              >
                {e.submit}
              </button>
            </>
          ) : !consult.decisionMap ? (
            <p>{e.needsMap}</p>
          ) : null}
        </>
      )}
    </section>
  );
}
