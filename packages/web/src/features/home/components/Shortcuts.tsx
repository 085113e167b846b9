import type { Permission } from '@harbor/policy';
import { Link } from 'react-router';
import { useSignedIn } from '../../../lib/auth';
import { useT, type Messages } from '../../../i18n';

type ShortcutKey = keyof Messages['home']['shortcuts'];

/** Links to the pages a user's permissions open, with the permission each page needs. */
const shortcuts: readonly { key: ShortcutKey; to: string; permission: Permission }[] = [
  { key: 'people', to: '/people', permission: 'person.read' },
  { key: 'users', to: '/users', permission: 'user.read' },
  { key: 'offices', to: '/offices', permission: 'office.manage' },
  { key: 'audit', to: '/audit/trail', permission: 'audit.read' },
];

export function Shortcuts() {
  const t = useT();
  const { can } = useSignedIn();
  const shown = shortcuts.filter((s) => can(s.permission));
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="shortcuts-heading" className="margin-top-4">
      <h2 id="shortcuts-heading">{t.home.shortcutsHeading}</h2>
      <ul className="usa-list usa-list--unstyled harbor-shortcuts">
        {shown.map((s) => (
          <li key={s.key} className="harbor-shortcut">
            <Link to={s.to} className="usa-link harbor-shortcut__link">
              {t.home.shortcuts[s.key].title}
            </Link>
            <p className="harbor-shortcut__body">{t.home.shortcuts[s.key].body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
