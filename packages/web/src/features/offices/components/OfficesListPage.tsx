import type { OfficeView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { allRows, DataTable, type Column } from '../../../components/DataTable';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { useSignedIn } from '../../../lib/auth';
import { useT } from '../../../i18n';
import { useOffices } from '../api';

export function OfficesListPage() {
  const t = useT();
  const { can } = useSignedIn();
  const list = allRows(useOffices());
  const c = t.offices.columns;
  const columns: Column<OfficeView>[] = [
    {
      id: 'name',
      header: c.name,
      sort: { value: (o) => o.name },
      cell: (o) => (
        <Link to={`/offices/${o.id}`} className="usa-link">
          {o.name}
        </Link>
      ),
    },
    { id: 'code', header: c.code, sort: { value: (o) => o.code }, cell: (o) => o.code },
    { id: 'kind', header: c.kind, sort: { value: (o) => t.offices.kinds[o.kind] }, cell: (o) => t.offices.kinds[o.kind] },
    { id: 'region', header: c.region, sort: { value: (o) => o.regionCode }, cell: (o) => o.regionCode ?? t.common.none },
    { id: 'town', header: c.town, sort: { value: (o) => o.townName }, cell: (o) => o.townName ?? t.common.none },
    { id: 'phone', header: c.phone, cell: (o) => o.phone ?? t.common.notRecorded },
    { id: 'staff', header: c.staff, headerClassName: 'text-right', className: 'text-right', sort: { value: (o) => o.userCount }, cell: (o) => o.userCount },
    {
      id: 'status',
      header: c.status,
      sort: { value: (o) => o.active },
      cell: (o) => (o.active ? t.offices.status.open : <span className="usa-tag harbor-tag--disabled">{t.offices.status.closed}</span>),
    },
  ];
  return (
    <>
      <PageHeading>{t.offices.heading}</PageHeading>
      <div className="harbor-page-intro">
        <p className="usa-intro">{t.offices.intro}</p>
        {can('office.manage') ? <LinkButton to="/offices/new">{t.offices.create}</LinkButton> : null}
      </div>
      <DataTable list={list} columns={columns} rowKey={(o) => o.id} caption={t.offices.caption} count={(offices) => t.offices.count(offices.length)} empty={null} />
    </>
  );
}
