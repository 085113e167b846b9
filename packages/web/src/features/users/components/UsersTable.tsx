import type { UserView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { UserStatus } from './UserStatus';

export function UsersTable({ users }: { users: UserView[] }) {
  const { t, lang } = useI18n();
  const c = t.users.columns;
  const columns: Column<UserView>[] = [
    {
      id: 'name',
      header: c.name,
      sort: { value: (u) => u.displayName },
      cell: (u) => (
        <Link to={`/users/${u.id}`} className="usa-link">
          {u.displayName}
        </Link>
      ),
    },
    { id: 'username', header: c.username, sort: { value: (u) => u.username }, cell: (u) => u.username },
    { id: 'roles', header: c.roles, cell: (u) => u.roles.map((r) => t.roles[r]).join(', ') },
    { id: 'office', header: c.office, sort: { value: (u) => u.officeName }, cell: (u) => u.officeName },
    { id: 'status', header: c.status, cell: (u) => <UserStatus user={u} /> },
    { id: 'lastSignIn', header: c.lastSignIn, sort: { value: (u) => u.lastSignInAt }, cell: (u) => (u.lastSignInAt ? formatDateTime(u.lastSignInAt, lang) : t.common.never) },
  ];
  return <DataTable rows={users} columns={columns} rowKey={(u) => u.id} caption={t.users.caption} empty={null} />;
}
