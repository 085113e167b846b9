import { officePage, type OfficeView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../../components/DataTable';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { useSignedIn } from '../../../lib/auth';
import { usePagedList, wholeList } from '../../../lib/paged-list';
import { useT } from '../../../i18n';
import { officesKey } from '../api';

/** Offices and units, one server page at a time, by name (the server's only order). */
export function OfficesListPage() {
  const t = useT();
  const { can } = useSignedIn();
  const list = usePagedList(officesKey[0], '/api/offices', {}, officePage);
  const c = t.offices.columns;
  const columns: Column<OfficeView>[] = [
    {
      id: 'name',
      header: c.name,
      cell: (o) => (
        <Link to={`/offices/${o.id}`} className="usa-link">
          {o.name}
        </Link>
      ),
    },
    { id: 'code', header: c.code, cell: (o) => o.code },
    { id: 'kind', header: c.kind, cell: (o) => t.offices.kinds[o.kind] },
    { id: 'region', header: c.region, cell: (o) => o.regionCode ?? t.common.none },
    { id: 'town', header: c.town, cell: (o) => o.townName ?? t.common.none },
    { id: 'phone', header: c.phone, cell: (o) => o.phone ?? t.common.notRecorded },
    { id: 'staff', header: c.staff, headerClassName: 'text-right', className: 'text-right', cell: (o) => o.userCount },
    {
      id: 'status',
      header: c.status,
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
      <DataTable list={list} columns={columns} rowKey={(o) => o.id} caption={t.offices.caption} count={(offices) => (wholeList(list) ? t.offices.count(offices.length) : null)} empty={null} />
    </>
  );
}
