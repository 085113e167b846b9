import type { CaseListQuery } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../../components/fields';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { useSignedIn } from '../../../lib/auth';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useCases } from '../api';

/** Open cases within the caller's reach, filtered by HT concern and by a missing DCF-737 (filters in the URL). */
export function CasesListPage() {
  const { t, lang } = useI18n();
  const { can } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const query: Omit<CaseListQuery, 'cursor' | 'limit'> = {
    ...(params.get('htConcern') === 'yes' || params.get('htConcern') === 'no' ? { htConcern: params.get('htConcern') as 'yes' | 'no' } : {}),
    ...(params.get('missing737') === 'yes' ? { missing737: 'yes' as const } : {}),
  };
  const cases = useCases(query);
  const [concern, setConcern] = useState(query.htConcern ?? '');
  const [missing, setMissing] = useState(query.missing737 === 'yes');
  const l = t.casework.list;
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (concern) next.set('htConcern', concern);
    if (missing) next.set('missing737', 'yes');
    setParams(next);
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
      <QueryState query={cases}>
        {(rows) => (
          <>
            <ResultCount text={l.count(rows.length)} />
            {rows.length === 0 ? (
              <p>{l.empty}</p>
            ) : (
              <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="cases-caption">
                <table className="usa-table usa-table--striped harbor-table">
                  <caption id="cases-caption">{l.caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{l.columns.number}</th>
                      <th scope="col">{l.columns.child}</th>
                      <th scope="col">{l.columns.office}</th>
                      <th scope="col">{l.columns.worker}</th>
                      <th scope="col">{l.columns.concern}</th>
                      <th scope="col">{l.columns.dcf737}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((c) => (
                      <tr key={c.id}>
                        <th scope="row" className="harbor-nowrap">
                          <Link to={`/cases/${c.id}`} className="usa-link">
                            {c.number}
                          </Link>
                        </th>
                        <td>{c.childName}</td>
                        <td>{c.officeName}</td>
                        <td>{c.workerName ?? t.common.none}</td>
                        <td>{c.htConcernAt ? formatDate(c.htConcernAt.slice(0, 10), lang) : l.none}</td>
                        <td>{c.htConcernAt ? c.missing737 ? <span className="usa-tag harbor-tag--overdue">{l.missing}</span> : l.ok : '—'}</td>
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
