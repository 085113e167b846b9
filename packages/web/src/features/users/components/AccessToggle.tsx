import type { UserView } from '@harbor/policy/api';
import { useState } from 'react';
import { Alert } from '../../../components/Alert';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ApiError } from '../../../lib/api-client';
import { useT } from '../../../i18n';
import { isPending, useUpdateUser } from '../api';

/** Disable or enable an account, after confirming in a dialog. */
export function AccessToggle({ user }: { user: UserView }) {
  const t = useT();
  const update = useUpdateUser(user.id);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'info' | 'error'; text: string } | null>(null);
  const disabling = !user.disabled;

  async function confirm() {
    try {
      const r = await update.mutateAsync({ disabled: disabling, version: user.version });
      // CF-1: enabling an account with wide reach waits for a second administrator.
      setMessage(isPending(r) ? { kind: 'info', text: t.pendingChanges.awaiting } : { kind: 'success', text: disabling ? t.users.disabledDone : t.users.enabledDone });
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t.common.network });
    } finally {
      setConfirming(false);
    }
  }

  return (
    <section aria-labelledby="access-heading" className="harbor-section">
      <h2 id="access-heading">{t.users.accessHeading}</h2>
      <p>{user.disabled ? t.users.disabledNote : t.users.enabledNote}</p>
      {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
      <button type="button" className={`usa-button${disabling ? ' usa-button--secondary' : ''}`} onClick={() => setConfirming(true)}>
        {disabling ? t.users.disable : t.users.enable}
      </button>
      <ConfirmDialog
        id="confirm-access"
        open={confirming}
        heading={disabling ? t.users.disableConfirmHeading(user.displayName) : t.users.enableConfirmHeading(user.displayName)}
        confirmLabel={disabling ? t.users.disable : t.users.enable}
        cancelLabel={t.common.cancel}
        danger={disabling}
        busy={update.isPending}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      >
        <p>{disabling ? t.users.disableConfirmBody : t.users.enableConfirmBody}</p>
      </ConfirmDialog>
    </section>
  );
}
