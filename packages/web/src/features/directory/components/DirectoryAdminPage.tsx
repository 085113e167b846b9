import { partnerAgencyKinds } from '@harbor/policy';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { allRows, DataTable } from '../../../components/DataTable';
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
      <DataTable
        list={allRows(query)}
        columns={[
          {
            id: 'name',
            header: d.columns.name,
            sort: { value: (p) => p.name },
            cell: (p) => (
              <Link to={`/directory/${p.id}?kind=${p.kind}`} className="usa-link" aria-label={d.edit(p.name)}>
                {p.name}
              </Link>
            ),
          },
          { id: 'place', header: d.columns.place, sort: { value: (p) => p.townName ?? p.regionCode ?? p.judicialDistrictCode }, cell: (p) => p.townName ?? p.regionCode ?? p.judicialDistrictCode ?? '' },
          { id: 'email', header: d.columns.email, cell: (p) => p.email },
          { id: 'phone', header: d.columns.phone, cell: (p) => p.phone },
          { id: 'status', header: d.columns.status, sort: { value: (p) => p.active }, cell: (p) => (p.active ? d.active : d.inactive) },
        ]}
        rowKey={(p) => p.id}
        caption={`${d.caption}: ${d.kinds[kind]}`}
        count={(rows) => d.count(rows.length)}
        empty={null}
      />
    </>
  );
}
