import type { UserView } from '@harbor/policy/api';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { DescriptionList } from '../../../components/DescriptionList';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { useSignedIn } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useUser } from '../api';
import { AccessToggle } from './AccessToggle';
import { ResetPasswordForm } from './ResetPasswordForm';
import { UserEditForm } from './UserEditForm';
import { UserStatus } from './UserStatus';

export function UserDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { can } = useSignedIn();
  const query = useUser(id);
  // "Reload the latest version" after a conflict starts the edit form again from the server's copy.
  const [edits, setEdits] = useState(0);
  const reload = () => void query.refetch().then(() => setEdits((n) => n + 1));
  return (
    <>
      <BackLink to="/users">{t.users.back}</BackLink>
      <PageHeading>{query.data?.displayName ?? t.titles.user}</PageHeading>
      <QueryState query={query}>
        {(user) => (
          <>
            <Account user={user} />
            {can('user.manage') ? (
              <div className="harbor-sections">
                <UserEditForm key={edits} user={user} onReload={reload} />
                <ResetPasswordForm user={user} />
                <AccessToggle user={user} />
              </div>
            ) : null}
          </>
        )}
      </QueryState>
    </>
  );
}

function Account({ user }: { user: UserView }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="account-heading" className="harbor-section">
      <h2 id="account-heading">{t.users.account}</h2>
      {user.locked ? <Alert kind="warning">{t.users.lockedNote}</Alert> : null}
      {user.mustChangePassword ? <p>{t.users.mustChangeNote}</p> : null}
      <DescriptionList
        items={[
          { term: t.users.username, value: user.username },
          { term: t.users.email, value: user.email ?? t.common.none },
          { term: t.users.office, value: `${user.officeName} (${user.officeCode})` },
          { term: t.users.rolesLegend, value: user.roles.map((r) => t.roles[r]).join(', ') },
          { term: t.users.columns.status, value: <UserStatus user={user} /> },
          { term: t.users.lastSignIn, value: user.lastSignInAt ? formatDateTime(user.lastSignInAt, lang) : t.common.never },
        ]}
      />
    </section>
  );
}
