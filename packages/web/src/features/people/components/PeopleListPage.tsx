import type { PersonView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { allRows, DataTable, type Column } from '../../../components/DataTable';
import { PageHeading } from '../../../components/PageHeading';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { listLimit, usePeople } from '../api';

export function PeopleListPage() {
  const { t, lang } = useI18n();
  const list = allRows(usePeople());
  const c = t.people.columns;
  const columns: Column<PersonView>[] = [
    {
      id: 'name',
      header: c.name,
      sort: { value: (p) => `${p.lastName}, ${p.firstName}` },
      cell: (p) => (
        <Link to={`/people/${p.id}`} className="usa-link">
          {p.lastName}, {p.firstName}
        </Link>
      ),
    },
    { id: 'kind', header: c.kind, sort: { value: (p) => t.people.kinds[p.kind] }, cell: (p) => t.people.kinds[p.kind] },
    { id: 'dateOfBirth', header: c.dateOfBirth, sort: { value: (p) => p.dateOfBirth }, cell: (p) => (p.dateOfBirth ? formatDate(p.dateOfBirth, lang) : t.common.notRecorded) },
    { id: 'town', header: c.town, sort: { value: (p) => p.townName }, cell: (p) => p.townName ?? t.common.notRecorded },
    { id: 'office', header: c.office, sort: { value: (p) => p.officeCode }, cell: (p) => p.officeCode },
  ];
  return (
    <>
      <PageHeading>{t.people.heading}</PageHeading>
      <p className="usa-intro">{t.people.intro}</p>
      <DataTable
        list={list}
        columns={columns}
        rowKey={(p) => p.id}
        caption={t.people.caption}
        count={(people) => `${t.people.count(people.length)}${people.length >= listLimit ? ` ${t.people.capped(listLimit)}` : ''}`}
        empty={t.people.empty}
      />
    </>
  );
}
