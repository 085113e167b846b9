import type { PersonView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { listLimit, usePeople } from '../api';

export function PeopleListPage() {
  const { t } = useI18n();
  const query = usePeople();
  return (
    <>
      <PageHeading>{t.people.heading}</PageHeading>
      <p className="usa-intro">{t.people.intro}</p>
      <QueryState query={query}>
        {(people) => (
          <>
            <ResultCount text={`${t.people.count(people.length)}${people.length >= listLimit ? ` ${t.people.capped(listLimit)}` : ''}`} />
            {people.length === 0 ? <p>{t.people.empty}</p> : <PeopleTable people={people} />}
          </>
        )}
      </QueryState>
    </>
  );
}

function PeopleTable({ people }: { people: PersonView[] }) {
  const { t, lang } = useI18n();
  const c = t.people.columns;
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="people-caption">
      <table className="usa-table usa-table--striped harbor-table">
        <caption id="people-caption">{t.people.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.name}</th>
            <th scope="col">{c.kind}</th>
            <th scope="col">{c.dateOfBirth}</th>
            <th scope="col">{c.town}</th>
            <th scope="col">{c.office}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/people/${p.id}`} className="usa-link">
                  {p.lastName}, {p.firstName}
                </Link>
              </th>
              <td>{t.people.kinds[p.kind]}</td>
              <td>{p.dateOfBirth ? formatDate(p.dateOfBirth, lang) : t.common.notRecorded}</td>
              <td>{p.townName ?? t.common.notRecorded}</td>
              <td>{p.officeCode}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
