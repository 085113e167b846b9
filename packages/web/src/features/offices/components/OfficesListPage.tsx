import type { OfficeView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { useSignedIn } from '../../../lib/auth';
import { useT } from '../../../i18n';
import { useOffices } from '../api';

export function OfficesListPage() {
  const t = useT();
  const { can } = useSignedIn();
  const query = useOffices();
  return (
    <>
      <PageHeading>{t.offices.heading}</PageHeading>
      <div className="harbor-page-intro">
        <p className="usa-intro">{t.offices.intro}</p>
        {can('office.manage') ? <LinkButton to="/offices/new">{t.offices.create}</LinkButton> : null}
      </div>
      <QueryState query={query}>
        {(offices) => (
          <>
            <ResultCount text={t.offices.count(offices.length)} />
            <OfficesTable offices={offices} />
          </>
        )}
      </QueryState>
    </>
  );
}

function OfficesTable({ offices }: { offices: OfficeView[] }) {
  const t = useT();
  const c = t.offices.columns;
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="offices-caption">
      <table className="usa-table usa-table--striped harbor-table">
        <caption id="offices-caption">{t.offices.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.name}</th>
            <th scope="col">{c.code}</th>
            <th scope="col">{c.kind}</th>
            <th scope="col">{c.region}</th>
            <th scope="col">{c.town}</th>
            <th scope="col">{c.phone}</th>
            <th scope="col" className="text-right">{c.staff}</th>
            <th scope="col">{c.status}</th>
          </tr>
        </thead>
        <tbody>
          {offices.map((o) => (
            <tr key={o.id}>
              <th scope="row">
                <Link to={`/offices/${o.id}`} className="usa-link">
                  {o.name}
                </Link>
              </th>
              <td>{o.code}</td>
              <td>{t.offices.kinds[o.kind]}</td>
              <td>{o.regionCode ?? t.common.none}</td>
              <td>{o.townName ?? t.common.none}</td>
              <td>{o.phone ?? t.common.notRecorded}</td>
              <td className="text-right">{o.userCount}</td>
              <td>{o.active ? t.offices.status.open : <span className="usa-tag harbor-tag--disabled">{t.offices.status.closed}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
