import { createUserBody } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextField } from '../../../components/fields';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { orNull, serverFieldErrors, summaryItems, zodFieldErrors, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { isPending, useCreateUser } from '../api';
import { UserFields, type ProfileValues } from './UserFields';

type Field = 'username' | keyof ProfileValues | 'password';
const order: readonly Field[] = ['username', 'displayName', 'email', 'roles', 'officeId', 'password'];

/** A new staff account with a temporary password; the person must change it at first sign-in. */
export function UserCreatePage() {
  const t = useT();
  const navigate = useNavigate();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [profile, setProfile] = useState<ProfileValues>({ displayName: '', email: '', roles: [], officeId: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const fail = (next: FieldErrors<Field>) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = createUserBody.safeParse({ username, password, ...profile, email: orNull(profile.email) });
    if (!parsed.success) return fail(zodFieldErrors(parsed.error, t.users.errors));
    try {
      const user = await create.mutateAsync(parsed.data);
      // CF-1: an account with wide reach is made only when a second administrator approves it.
      if (isPending(user)) return void (await navigate('/pending-changes', { state: { flash: t.pendingChanges.awaiting } }));
      await navigate(`/users/${user.id}`, { state: { flash: t.users.created(user.displayName) } });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      fail(server.fields);
      setFormError(server.message);
    }
  }

  return (
    <>
      <BackLink to="/users">{t.users.back}</BackLink>
      <PageHeading>{t.titles.userNew}</PageHeading>
      <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
      {formError ? <Alert kind="error">{formError}</Alert> : null}
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="username" label={t.users.username} hint={t.users.usernameHint} required autoComplete="off" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} error={errors.username} />
        <UserFields values={profile} errors={errors} onChange={setProfile} />
        <TextField id="password" label={t.users.password} hint={t.users.passwordHint} required type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
        <button type="submit" className="usa-button margin-top-3" disabled={create.isPending}>
          {t.users.createSubmit}
        </button>
      </form>
    </>
  );
}
