import { isRole } from '@harbor/policy';
import { useSearchParams } from 'react-router';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { useSignedIn } from '../../../lib/auth';
import { useT } from '../../../i18n';
import { useUsers, type UserFilters } from '../api';
import { UserFilterForm } from './UserFilterForm';
import { UsersTable } from './UsersTable';

const uuidLike = /^[0-9a-f-]{36}$/i;

/** Filters live in the URL (?q=&officeId=&role=, with the page's cursors), so a filtered list can be bookmarked or shared. */
function filtersFrom(params: URLSearchParams): UserFilters {
  const officeId = params.get('officeId') ?? '';
  const role = params.get('role') ?? '';
  return { q: params.get('q') ?? '', officeId: uuidLike.test(officeId) ? officeId : '', role: isRole(role) ? role : '' };
}

export function UsersListPage() {
  const t = useT();
  const { can } = useSignedIn();
  const [params] = useSearchParams();
  const filters = filtersFrom(params);
  const list = useUsers(filters);
  const apply = (next: UserFilters) => list.setFilters({ ...next });
  return (
    <>
      <PageHeading>{t.users.heading}</PageHeading>
      <div className="harbor-page-intro">
        <p className="usa-intro">{t.users.intro}</p>
        {can('user.manage') ? <LinkButton to="/users/new">{t.users.create}</LinkButton> : null}
      </div>
      <UserFilterForm initial={filters} onApply={apply} />
      <UsersTable list={list} />
    </>
  );
}
