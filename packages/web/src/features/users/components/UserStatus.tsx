import type { UserView } from '@harbor/policy/api';
import { useT } from '../../../i18n';

/** Active, disabled, locked, must change password: as tags, in words. */
export function UserStatus({ user }: { user: UserView }) {
  const t = useT();
  const s = t.users.status;
  return (
    <span className="harbor-tags">
      {user.disabled ? <span className="usa-tag harbor-tag--disabled">{s.disabled}</span> : <span className="usa-tag harbor-tag--active">{s.active}</span>}
      {user.locked ? <span className="usa-tag harbor-tag--locked">{s.locked}</span> : null}
      {user.mustChangePassword ? <span className="usa-tag harbor-tag--pending">{s.mustChange}</span> : null}
    </span>
  );
}
