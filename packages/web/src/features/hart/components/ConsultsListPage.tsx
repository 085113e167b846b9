import { consultStatuses, type ConsultStatus } from '@harbor/policy';
import { consultPage, type ConsultSummaryView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { DataTable, type Column } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { usePagedList, wholeList, type PagedList } from '../../../lib/paged-list';
import { useI18n } from '../../../i18n';

const isStatus = (v: string | null): v is ConsultStatus => v !== null && (consultStatuses as readonly string[]).includes(v);

/**
 * HL-1 .. HL-5: the consults within the caller's reach, one server page at a time in the server's
 * order (open ones first, oldest request first); the status filter and the page are kept in the URL.
 */
export function ConsultsListPage() {
  const { t } = useI18n();
  const h = t.hart.list;
  const [params] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : '';
  const [chosen, setChosen] = useState<string>(status);
  const list = usePagedList('consults', '/api/consults', { status }, consultPage);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    list.setFilters({ status: chosen });
  };
  return (
    <>
      <PageHeading>{h.heading}</PageHeading>
      <p className="usa-intro">{h.intro}</p>
      <form className="usa-form harbor-filter" onSubmit={apply}>
        <SelectField id="status" label={h.filter} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{h.all}</option>
          {consultStatuses.map((s) => (
            <option key={s} value={s}>
              {t.hart.statuses[s]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="usa-button usa-button--outline">
          {h.apply}
        </button>
      </form>
      <ConsultTable list={list} />
    </>
  );
}

function ConsultTable({ list }: { list: PagedList<ConsultSummaryView> }) {
  const { t, lang } = useI18n();
  const h = t.hart.list;
  const c = h.columns;
  const columns: Column<ConsultSummaryView>[] = [
    {
      id: 'number',
      header: c.number,
      className: 'harbor-nowrap',
      cell: (r) => (
        <Link to={`/consults/${r.id}`} className="usa-link" aria-label={h.open(r.number)}>
          {r.number}
        </Link>
      ),
    },
    { id: 'subject', header: c.subject, className: 'harbor-wrap', cell: (r) => `${t.hart.consult.subjectKinds[r.subject.type]} ${r.subject.number ?? ''}` },
    { id: 'office', header: c.office, className: 'harbor-wrap', cell: (r) => r.office.name },
    { id: 'requested', header: c.requested, className: 'harbor-time harbor-wrap', cell: (r) => formatDateTime(r.requestedAt, lang) },
    {
      id: 'due',
      header: c.due,
      className: 'harbor-time harbor-wrap',
      cell: (r) => (
        <>
          {r.overdue ? (
            <span className="display-block">
              <span className="usa-tag harbor-tag--overdue">{h.overdue}</span>
            </span>
          ) : null}
          {r.dueAt ? formatDateTime(r.dueAt, lang) : t.hart.notRecorded}
        </>
      ),
    },
    { id: 'status', header: c.status, cell: (r) => t.hart.statuses[r.status] },
    { id: 'levels', header: c.levels, className: 'harbor-wrap', cell: (r) => (r.riskSex && r.riskLabor ? `${t.hart.levels[r.riskSex]} / ${t.hart.levels[r.riskLabor]}` : t.hart.notRecorded) },
  ];
  return (
    <DataTable
      list={list}
      columns={columns}
      rowKey={(r) => r.id}
      caption={h.caption}
      count={(items) => (items.length && wholeList(list) ? h.count(items.length) : null)}
      empty={h.empty}
      emphasis={(r) => r.overdue && 'overdue'}
    />
  );
}
