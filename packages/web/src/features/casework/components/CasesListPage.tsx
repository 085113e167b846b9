import { casePage, type CaseListQuery, type CaseSummaryView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../../components/fields';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { DataTable, type Column } from '../../../components/DataTable';
import { useSignedIn } from '../../../lib/auth';
import { formatDate } from '../../../lib/format';
import { usePagedList, wholeList } from '../../../lib/paged-list';
import { useI18n } from '../../../i18n';

/**
 * Open cases within the caller's reach, one server page at a time in the server's order (HT
 * concern newest first, then newest opened), filtered by HT concern and by a missing DCF-737;
 * the filters and the page are kept in the URL.
 */
export function CasesListPage() {
  const { t, lang } = useI18n();
  const { can } = useSignedIn();
  const [params] = useSearchParams();
  const query: Omit<CaseListQuery, 'cursor' | 'limit'> = {
    ...(params.get('htConcern') === 'yes' || params.get('htConcern') === 'no' ? { htConcern: params.get('htConcern') as 'yes' | 'no' } : {}),
    ...(params.get('missing737') === 'yes' ? { missing737: 'yes' as const } : {}),
  };
  const cases = usePagedList('cases', '/api/cases', query, casePage);
  const [concern, setConcern] = useState(query.htConcern ?? '');
  const [missing, setMissing] = useState(query.missing737 === 'yes');
  const l = t.casework.list;
  const columns: Column<CaseSummaryView>[] = [
    {
      id: 'number',
      header: l.columns.number,
      className: 'harbor-nowrap',
      cell: (c) => (
        <Link to={`/cases/${c.id}`} className="usa-link">
          {c.number}
        </Link>
      ),
    },
    { id: 'child', header: l.columns.child, cell: (c) => c.childName },
    { id: 'office', header: l.columns.office, cell: (c) => c.officeName },
    { id: 'worker', header: l.columns.worker, cell: (c) => c.workerName ?? t.common.none },
    { id: 'concern', header: l.columns.concern, cell: (c) => (c.htConcernAt ? formatDate(c.htConcernAt.slice(0, 10), lang) : l.none) },
    {
      id: 'dcf737',
      header: l.columns.dcf737,
      cell: (c) => (c.htConcernAt ? c.missing737 ? <span className="usa-tag harbor-tag--overdue">{l.missing}</span> : l.ok : '—'),
    },
  ];
  const apply = (e: FormEvent) => {
    e.preventDefault();
    cases.setFilters({ htConcern: concern, missing737: missing ? 'yes' : '' });
  };
  return (
    <>
      <PageHeading>{l.heading}</PageHeading>
      <p className="usa-intro">{l.intro}</p>
      {can('case.write') ? <LinkButton to="/cases/new">{l.openCase}</LinkButton> : null}
      <form className="usa-form harbor-filters" onSubmit={apply} aria-label={l.filters}>
        <SelectField id="htConcern" label={l.htConcern} value={concern} onChange={(e) => setConcern(e.target.value)}>
          <option value="">{l.any}</option>
          <option value="yes">{l.withConcern}</option>
          <option value="no">{l.withoutConcern}</option>
        </SelectField>
        <div className="usa-checkbox margin-top-2">
          <input className="usa-checkbox__input" id="missing737" type="checkbox" checked={missing} onChange={(e) => setMissing(e.target.checked)} />
          <label className="usa-checkbox__label" htmlFor="missing737">
            {l.missing737}
          </label>
        </div>
        <button type="submit" className="usa-button usa-button--outline margin-top-2">
          {l.apply}
        </button>
      </form>
      <DataTable list={cases} columns={columns} rowKey={(c) => c.id} caption={l.caption} count={(rows) => (wholeList(cases) ? l.count(rows.length) : null)} empty={l.empty} />
    </>
  );
}
