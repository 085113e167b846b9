import type { UserView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { UserStatus } from './UserStatus';

export function UsersTable({ users }: { users: UserView[] }) {
  const { t, lang } = useI18n();
  const c = t.users.columns;
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="users-caption">
      <table className="usa-table usa-table--striped harbor-table">
        <caption id="users-caption">{t.users.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.name}</th>
            <th scope="col">{c.username}</th>
            <th scope="col">{c.roles}</th>
            <th scope="col">{c.office}</th>
            <th scope="col">{c.status}</th>
            <th scope="col">{c.lastSignIn}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <Link to={`/users/${u.id}`} className="usa-link">
                  {u.displayName}
                </Link>
              </th>
              <td>{u.username}</td>
              <td>{u.roles.map((r) => t.roles[r]).join(', ')}</td>
              <td>{u.officeName}</td>
              <td>
                <UserStatus user={u} />
              </td>
              <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt, lang) : t.common.never}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
