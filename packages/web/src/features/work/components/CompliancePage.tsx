import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ComplianceView } from '@harbor/policy/api';
import { DataTable, type Column } from '../../../components/DataTable';
import { DescriptionList } from '../../../components/DescriptionList';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { DateField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../lib/format';
import { summaryItems, type FieldErrors } from '../../../lib/forms';
import { useI18n } from '../../../i18n';
import { useCompliance } from '../api';
import { timeLeft } from '../time-left';
import { TimeLeftTag, useNow } from './WorkTable';

type Field = 'from' | 'to';
const order: readonly Field[] = ['from', 'to'];
const isDate = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** DR-4: the HART Director's statewide compliance: consults within 72 hours (HL-1), overdue duties by office, overdue consults. */
export function CompliancePage() {
  const { t, lang } = useI18n();
  const c = t.work.compliance;
  const [params, setParams] = useSearchParams();
  const from = isDate(params.get('from')) ? params.get('from') : null;
  const to = isDate(params.get('to')) ? params.get('to') : null;
  const query = useCompliance(from, to);
  const now = useNow();
  const [fromValue, setFrom] = useState(from ?? '');
  const [toValue, setTo] = useState(to ?? '');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const officeColumns: Column<ComplianceView['offices'][number]>[] = [
    { id: 'office', header: c.office, sort: { value: (o) => o.code }, cell: (o) => `${o.code} ${o.name}` },
    { id: 'overdue', header: c.overdueCount, sort: { value: (o) => o.overdue }, cell: (o) => o.overdue },
    { id: 'byClause', header: c.byClause, cell: (o) => o.byClause.map((b) => `${b.clause}: ${b.count}`).join(', ') },
  ];
  const consultColumns: Column<ComplianceView['overdueConsults'][number]>[] = [
    {
      id: 'consult',
      header: c.consult,
      sort: { value: (k) => k.number },
      cell: (k) => (
        <Link to={`/consults/${k.id}`} className="usa-link">
          {k.number}
        </Link>
      ),
    },
    { id: 'office', header: c.office, sort: { value: (k) => k.officeCode }, cell: (k) => k.officeCode },
    { id: 'requested', header: c.requestedAt, className: 'harbor-time', sort: { value: (k) => k.requestedAt }, cell: (k) => formatDateTime(k.requestedAt, lang) },
    { id: 'due', header: c.dueAt, className: 'harbor-time', sort: { value: (k) => k.dueAt }, cell: (k) => formatDateTime(k.dueAt, lang) },
    { id: 'timeLeft', header: t.work.columns.timeLeft, cell: (k) => <TimeLeftTag dueAt={k.dueAt} now={now} /> },
  ];

  function apply(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors<Field> = {};
    if (fromValue && toValue && fromValue > toValue) next.from = c.errors.from;
    if (fromValue && !toValue) next.to = c.errors.to;
    setErrors(next);
    if (Object.keys(next).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    const p = new URLSearchParams();
    if (fromValue) p.set('from', fromValue);
    if (toValue) p.set('to', toValue);
    setParams(p);
  }

  return (
    <>
      <PageHeading>{c.heading}</PageHeading>
      <p className="usa-intro">{c.intro}</p>
      <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
      <form className="usa-form harbor-filters" onSubmit={apply} noValidate aria-label={c.period}>
        <DateField id="from" label={c.from} value={fromValue} error={errors.from} onChange={(e) => setFrom(e.target.value)} />
        <DateField id="to" label={c.to} value={toValue} error={errors.to} onChange={(e) => setTo(e.target.value)} />
        <button type="submit" className="usa-button margin-top-2">
          {c.apply}
        </button>
      </form>
      <QueryState query={query}>
        {(v) => (
          <>
            <section aria-labelledby="consults-heading" className="harbor-section">
              <h2 id="consults-heading">
                {c.consultsHeading} ({v.from} – {v.to})
              </h2>
              <DescriptionList
                items={[
                  { term: c.share, value: c.shareValue(v.consults.shareInTime) },
                  { term: c.requested, value: String(v.consults.requested) },
                  { term: c.heldInTime, value: String(v.consults.heldInTime) },
                  { term: c.heldLate, value: String(v.consults.heldLate) },
                  { term: c.open, value: String(v.consults.open) },
                  { term: c.overdue, value: String(v.consults.overdue) },
                ]}
              />
            </section>
            <section aria-labelledby="offices-heading" className="harbor-section">
              <h2 id="offices-heading">{c.officesHeading}</h2>
              {v.offices.length === 0 ? (
                <p>{c.noOverdue}</p>
              ) : (
                <DataTable
                  rows={v.offices}
                  columns={officeColumns}
                  rowKey={(o) => o.officeId}
                  caption={c.officesCaption}
                  empty={null}
                />
              )}
            </section>
            <section aria-labelledby="overdue-consults-heading" className="harbor-section">
              <h2 id="overdue-consults-heading">{c.consultsOverdueHeading}</h2>
              {v.overdueConsults.length === 0 ? (
                <p>{c.noOverdueConsults}</p>
              ) : (
                <DataTable
                  rows={v.overdueConsults}
                  columns={consultColumns}
                  rowKey={(k) => k.id}
                  caption={c.consultsCaption}
                  empty={null}
                  emphasis={(k) => timeLeft(k.dueAt, now, t.work).overdue && 'overdue'}
                />
              )}
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}
