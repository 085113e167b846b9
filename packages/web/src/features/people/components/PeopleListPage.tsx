import { personPage, type PersonView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../../components/DataTable';
import { PageHeading } from '../../../components/PageHeading';
import { formatDate } from '../../../lib/format';
import { usePagedList, wholeList } from '../../../lib/paged-list';
import { useI18n } from '../../../i18n';
import { uncached } from '../api';

/** The people within the caller's reach, one server page at a time, newest first (the server's only order). */
export function PeopleListPage() {
  const { t, lang } = useI18n();
  const list = usePagedList('people', '/api/people', {}, personPage, { gcTime: uncached.gcTime });
  const c = t.people.columns;
  const columns: Column<PersonView>[] = [
    {
      id: 'name',
      header: c.name,
      cell: (p) => (
        <Link to={`/people/${p.id}`} className="usa-link">
          {p.lastName}, {p.firstName}
        </Link>
      ),
    },
    { id: 'kind', header: c.kind, cell: (p) => t.people.kinds[p.kind] },
    { id: 'dateOfBirth', header: c.dateOfBirth, cell: (p) => (p.dateOfBirth ? formatDate(p.dateOfBirth, lang) : t.common.notRecorded) },
    { id: 'town', header: c.town, cell: (p) => p.townName ?? t.common.notRecorded },
    { id: 'office', header: c.office, cell: (p) => p.officeCode },
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
        count={(people) => (wholeList(list) ? t.people.count(people.length) : null)}
        empty={t.people.empty}
      />
    </>
  );
}
