import { partnerAgencyKinds } from '@harbor/policy';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { useT } from '../../../i18n';
import { isPartyKind, useDirectory } from '../api';

/** The partner directory for administrators (CF-1): one kind of party at a time (?kind= in the URL). */
export function DirectoryAdminPage() {
  const t = useT();
  const d = t.directoryAdmin;
  const [params, setParams] = useSearchParams();
  const raw = params.get('kind') ?? '';
  const kind = isPartyKind(raw) ? raw : 'hart_director';
  const [chosen, setChosen] = useState<string>(kind);
  const query = useDirectory(kind);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams({ kind: chosen });
  };
  return (
    <>
      <PageHeading>{d.title}</PageHeading>
      <p className="usa-intro">{d.intro}</p>
      <form className="usa-form harbor-filters" onSubmit={apply} aria-label={d.kind}>
        <SelectField id="directory-kind" label={d.kind} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          {partnerAgencyKinds.map((k) => (
            <option key={k} value={k}>
              {d.kinds[k]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="usa-button margin-top-2">
          {d.show}
        </button>
      </form>
      <QueryState query={query}>
        {(rows) => (
          <>
            <ResultCount text={d.count(rows.length)} />
            <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="directory-caption">
              <table className="usa-table usa-table--striped harbor-table">
                <caption id="directory-caption">
                  {d.caption}: {d.kinds[kind]}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{d.columns.name}</th>
                    <th scope="col">{d.columns.place}</th>
                    <th scope="col">{d.columns.email}</th>
                    <th scope="col">{d.columns.phone}</th>
                    <th scope="col">{d.columns.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        <Link to={`/directory/${p.id}?kind=${p.kind}`} className="usa-link" aria-label={d.edit(p.name)}>
                          {p.name}
                        </Link>
                      </th>
                      <td>{p.townName ?? p.regionCode ?? p.judicialDistrictCode ?? ''}</td>
                      <td>{p.email}</td>
                      <td>{p.phone}</td>
                      <td>{p.active ? d.active : d.inactive}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}
