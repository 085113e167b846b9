import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { ApiError } from '../../../lib/api-client';
import { signIn, useEndReason, useSession } from '../../../lib/auth';
import { summaryItems, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { EndedNotice } from './EndedNotice';

type Field = 'username' | 'password';
const order: readonly Field[] = ['username', 'password'];

export function SignInPage() {
  const t = useT();
  const session = useSession();
  const reason = useEndReason();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  // After a lock, come back to the page that was open; after signing out, start at home.
  if (session.user) return <Navigate to={from && reason !== 'signed_out' ? from : '/'} replace />;

  const fail = (next: FieldErrors<Field>) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: FieldErrors<Field> = {};
    if (!username.trim()) missing.username = t.session.usernameMissing;
    if (!password) missing.password = t.session.passwordMissing;
    if (missing.username || missing.password) return fail(missing);
    setBusy(true);
    try {
      await signIn({ username, password });
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.status === 401) fail({ username: t.session.invalid });
      else if (err instanceof ApiError) fail({ username: err.message });
      else fail({ username: t.common.network });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid-row">
      <div className="grid-col-12 tablet:grid-col-8 desktop:grid-col-6">
        <PageHeading>{t.session.signInHeading}</PageHeading>
        <EndedNotice />
        <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
        <p className="usa-intro">{t.session.signInIntro}</p>
        <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
          <TextField id="username" label={t.session.username} required autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} error={errors.username} />
          <TextField id="password" label={t.session.password} required type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
          <button type="submit" className="usa-button margin-top-3" disabled={busy}>
            {busy ? t.session.signingIn : t.session.signIn}
          </button>
        </form>
      </div>
    </div>
  );
}
