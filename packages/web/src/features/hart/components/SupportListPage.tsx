import { newIdempotencyKey } from '../../../lib/forms';
import { supportKinds, type SupportKind } from '@harbor/policy';
import { supportPage, type SupportSummaryView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { SelectField, TextAreaField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { DataTable, type Column } from '../../../components/DataTable';
import { useSignedIn } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { usePagedList, wholeList, type PagedList } from '../../../lib/paged-list';
import { useI18n } from '../../../i18n';
import { useConsults, useRequestSupport } from '../api';
import { Radios } from '../../../components/Radios';
import { useFormErrors } from './form';

/**
 * LD-2, LD-4, DR-4: support requests within reach, one server page at a time, escalations first
 * (the server's only order); a liaison asks the Lead here.
 */
export function SupportListPage() {
  const { t } = useI18n();
  const s = t.hart.support;
  const { can } = useSignedIn();
  const list = usePagedList('hart', '/api/hart/support', {}, supportPage);
  return (
    <>
      <PageHeading>{s.heading}</PageHeading>
      <p className="usa-intro">{s.intro}</p>
      <SupportTable list={list} />
      {can('hart_support.request') ? <RequestForm /> : null}
    </>
  );
}

function SupportTable({ list }: { list: PagedList<SupportSummaryView> }) {
  const { t, lang } = useI18n();
  const s = t.hart.support;
  const c = s.columns;
  const columns: Column<SupportSummaryView>[] = [
    {
      id: 'request',
      header: c.request,
      cell: (r) => (
        <>
          <Link to={`/hart/support/${r.id}`} className="usa-link">
            {s.open(s.kinds[r.kind], formatDateTime(r.requestedAt, lang))}
          </Link>
          {r.consult ? <span className="harbor-cell-note">{r.consult.number}</span> : null}
        </>
      ),
    },
    { id: 'office', header: c.office, cell: (r) => r.office.name },
    { id: 'from', header: c.from, cell: (r) => r.requestedBy.name },
    { id: 'status', header: c.status, cell: (r) => s.statuses[r.status] },
  ];
  return <DataTable list={list} columns={columns} rowKey={(r) => r.id} caption={s.caption} count={(items) => (items.length && wholeList(list) ? s.count(items.length) : null)} empty={s.empty} />;
}

function RequestForm() {
  const { t } = useI18n();
  const s = t.hart.support;
  const send = useRequestSupport();
  const consults = useConsults('');
  const navigate = useNavigate();
  const form = useFormErrors(t.common.network);
  const [kind, setKind] = useState<SupportKind | ''>('');
  const [consultId, setConsultId] = useState('');
  const [question, setQuestion] = useState('');
  const [key] = useState(() => newIdempotencyKey('support'));
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!kind) return form.fail(new Map([['kind', s.kind]]));
    try {
      const created = await send.mutateAsync({ kind, question, idempotencyKey: key, ...(consultId ? { consultId } : {}) });
      await navigate(`/hart/support/${created.id}`, { state: { flash: s.sent } });
    } catch (err) {
      form.failWith(err);
    }
  }
  return (
    <section aria-labelledby="ask-heading" className="margin-top-5">
      <h2 id="ask-heading">{s.ask}</h2>
      <form className="usa-form usa-form--large" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary items={form.summary} attempt={form.attempt} />
        {form.message ? <Alert kind="error">{form.message}</Alert> : null}
        <Radios id="kind" legend={s.kind} options={supportKinds.map((k) => ({ value: k, label: s.kinds[k] }))} value={kind} onChange={setKind} error={form.errors.get('kind')} />
        <SelectField id="consultId" label={s.consult} value={consultId} onChange={(e) => setConsultId(e.target.value)} error={form.errors.get('consultId')}>
          <option value="">{s.noConsult}</option>
          {(consults.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.number}
            </option>
          ))}
        </SelectField>
        <TextAreaField id="question" label={s.question} required rows={4} value={question} onChange={(e) => setQuestion(e.target.value)} error={form.errors.get('question')} />
        <button type="submit" id="support-submit" className="usa-button margin-top-2" disabled={send.isPending}>
          {s.send}
        </button>
      </form>
    </section>
  );
}
