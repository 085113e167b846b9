import type { UserView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { wholeList, type PagedList } from '../../../lib/paged-list';
import { useI18n } from '../../../i18n';
import { UserStatus } from './UserStatus';

/** Staff by name, a server page at a time; the count shows when the whole list is on one page. */
export function UsersTable({ list }: { list: PagedList<UserView> }) {
  const { t, lang } = useI18n();
  const c = t.users.columns;
  const columns: Column<UserView>[] = [
    {
      id: 'name',
      header: c.name,
      cell: (u) => (
        <Link to={`/users/${u.id}`} className="usa-link">
          {u.displayName}
        </Link>
      ),
    },
    { id: 'username', header: c.username, cell: (u) => u.username },
    { id: 'roles', header: c.roles, cell: (u) => u.roles.map((r) => t.roles[r]).join(', ') },
    { id: 'office', header: c.office, cell: (u) => u.officeName },
    { id: 'status', header: c.status, cell: (u) => <UserStatus user={u} /> },
    { id: 'lastSignIn', header: c.lastSignIn, cell: (u) => (u.lastSignInAt ? formatDateTime(u.lastSignInAt, lang) : t.common.never) },
  ];
  return <DataTable list={list} columns={columns} rowKey={(u) => u.id} caption={t.users.caption} empty={null} count={(rows) => (wholeList(list) ? t.users.count(rows.length) : null)} />;
}
