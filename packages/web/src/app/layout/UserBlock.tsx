import { useState } from 'react';
import { signOut, useSignedIn } from '../../lib/auth';
import { useT } from '../../i18n';

/** Who is signed in: name, role(s) and office, with the sign-out button. */
export function UserBlock() {
  const t = useT();
  const { user } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const roles = user.roles.map((r) => t.roles[r]).join(', ');
  return (
    <div className="harbor-user">
      <p className="harbor-user__who">
        <span className="usa-sr-only">{t.header.signedInAs} </span>
        <strong className="harbor-user__name">{user.displayName}</strong>
        <span className="harbor-user__meta">
          {roles} · <span className="usa-sr-only">{t.header.office}: </span>
          {user.office.name}
        </span>
      </p>
      <button
        type="button"
        className="usa-button usa-button--outline harbor-user__sign-out"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void signOut().finally(() => setBusy(false));
        }}
      >
        {t.header.signOut}
      </button>
    </div>
  );
}
