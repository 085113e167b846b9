import type { SupportView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { DescriptionList } from '../../../components/DescriptionList';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextAreaField } from '../../../components/fields';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../lib/format';
import { useI18n, useT } from '../../../i18n';
import { useAnswerSupport, useDirectorResponse, useEscalateSupport, useSupport } from '../api';
import { useFormErrors } from './form';

/** LD-2, LD-4, DR-3: one support request; the Lead answers or escalates, the Director answers an escalation. */
export function SupportPage() {
  const { id = '' } = useParams();
  const t = useT();
  const query = useSupport(id);
  return (
    <>
      <BackLink to="/hart/support">{t.hart.support.back}</BackLink>
      <QueryState query={query}>{(s) => <Support request={s} />}</QueryState>
    </>
  );
}

function Support({ request: r }: { request: SupportView }) {
  const { t, lang } = useI18n();
  const s = t.hart.support;
  const [done, setDone] = useState<string | null>(null);
  const by = (p: { by: { name: string }; at: string }) => s.by(p.by.name, formatDateTime(p.at, lang));
  const answer = useAnswerSupport(r.id);
  const escalate = useEscalateSupport(r.id);
  const respond = useDirectorResponse(r.id);
  return (
    <>
      <PageHeading>{t.hart.titles.supportRequest}</PageHeading>
      <div role="status">{done ? <Alert kind="success">{done}</Alert> : null}</div>
      <section aria-labelledby="support-request-heading">
        <h2 id="support-request-heading">{s.request}</h2>
        <DescriptionList
          items={[
            { term: s.columns.status, value: s.statuses[r.status] },
            { term: s.columns.kind, value: s.kinds[r.kind] },
            { term: s.columns.office, value: r.office.name },
            { term: s.columns.from, value: s.by(r.requestedBy.name, formatDateTime(r.requestedAt, lang)) },
            ...(r.consult ? [{ term: t.hart.list.columns.number, value: r.consult.number }] : []),
            { term: s.question_, value: r.question },
            ...(r.answer ? [{ term: s.answer, value: <>{r.answer.text} <span className="harbor-cell-note">{by(r.answer)}</span></> }] : []),
            ...(r.escalation ? [{ term: s.escalation, value: <>{r.escalation.reason} <span className="harbor-cell-note">{by(r.escalation)}</span></> }] : []),
            ...(r.directorResponse ? [{ term: s.directorResponse, value: <>{r.directorResponse.text} <span className="harbor-cell-note">{by(r.directorResponse)}</span></> }] : []),
          ]}
        />
      </section>
      {r.can.answer ? <TextStep id="answer" heading={s.answer} label={s.answerLabel} submit={s.sendAnswer} send={(text) => answer.mutateAsync({ answer: text, version: r.version })} onDone={() => setDone(s.answer)} /> : null}
      {r.can.escalate ? <TextStep id="reason" heading={s.escalate} label={s.escalateReason} submit={s.sendEscalation} send={(text) => escalate.mutateAsync({ reason: text, version: r.version })} onDone={() => setDone(s.statuses.escalated)} /> : null}
      {r.can.respond ? <TextStep id="response" heading={s.directorResponse} label={s.directorLabel} submit={s.sendDirector} send={(text) => respond.mutateAsync({ response: text, version: r.version })} onDone={() => setDone(s.statuses.resolved)} /> : null}
    </>
  );
}

/** One step of a request: a heading, one text and a button. */
function TextStep({ id, heading, label, submit, send, onDone }: { id: string; heading: string; label: string; submit: string; send: (text: string) => Promise<unknown>; onDone: () => void }) {
  const t = useT();
  const form = useFormErrors(t.common.network);
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  async function go(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    try {
      await send(text);
      form.clear();
      onDone();
    } catch (err) {
      form.failWith(err);
    } finally {
      setPending(false);
    }
  }
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-4">
      <h2 id={`${id}-heading`}>{heading}</h2>
      <form className="usa-form usa-form--large" noValidate onSubmit={(e) => void go(e)}>
        <ErrorSummary items={form.summary} attempt={form.attempt} />
        {form.message ? <Alert kind="error">{form.message}</Alert> : null}
        <TextAreaField id={id} label={label} required rows={4} value={text} onChange={(e) => setText(e.target.value)} error={form.errors.get(id)} />
        <button type="submit" id={`${id}-submit`} className="usa-button margin-top-2" disabled={pending}>
          {submit}
        </button>
      </form>
    </section>
  );
}
