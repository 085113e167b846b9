import { newPasswordSchema, type UserView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { TextField } from '../../../components/fields';
import { serverFieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { isPending, useResetPassword } from '../api';
import { AwaitingApproval } from './AwaitingApproval';

/** A temporary password set by an administrator; it also unlocks a locked account. */
export function ResetPasswordForm({ user }: { user: UserView }) {
  const t = useT();
  const reset = useResetPassword(user.id);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<'reset' | 'pending' | false>(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (!newPasswordSchema.safeParse(password).success) {
      setError(t.users.errors.password);
      document.getElementById('resetPassword')?.focus();
      return;
    }
    setError(undefined);
    try {
      const r = await reset.mutateAsync({ password, version: user.version });
      setPassword('');
      setDone(isPending(r) ? 'pending' : 'reset');
    } catch (err) {
      const server = serverFieldErrors(err, ['password']);
      setError(server.fields.password ?? server.message ?? t.common.network);
      document.getElementById('resetPassword')?.focus();
    }
  }

  return (
    <section aria-labelledby="reset-heading" className="harbor-section">
      <h2 id="reset-heading">{t.users.resetHeading}</h2>
      <p>{t.users.resetIntro}</p>
      {done === 'reset' ? <Alert kind="success">{t.users.resetDone}</Alert> : null}
      {done === 'pending' ? <AwaitingApproval /> : null}
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="reset-heading">
        <TextField id="resetPassword" label={t.users.password} hint={t.users.passwordHint} required type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={error} />
        <button type="submit" className="usa-button usa-button--outline margin-top-3" disabled={reset.isPending}>
          {t.users.resetSubmit}
        </button>
      </form>
    </section>
  );
}
