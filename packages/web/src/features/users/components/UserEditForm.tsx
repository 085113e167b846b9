import { updateUserBody, type UpdateUserBody, type UserView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { ApiError } from '../../../lib/api-client';
import { orNull, serverFieldErrors, summaryItems, zodFieldErrors, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { isPending, useUpdateUser } from '../api';
import { AwaitingApproval } from './AwaitingApproval';
import { UserFields, type ProfileField, type ProfileValues } from './UserFields';

const order: readonly ProfileField[] = ['displayName', 'email', 'roles', 'officeId'];
const sameRoles = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

/**
 * Only the fields that changed are sent: the server signs a user out when their roles or office
 * change, which should not happen for a corrected e-mail address.
 */
function changes(user: UserView, v: ProfileValues): UpdateUserBody {
  const body: UpdateUserBody = { version: user.version };
  if (v.displayName !== user.displayName) body.displayName = v.displayName;
  if (orNull(v.email) !== user.email) body.email = orNull(v.email);
  if (!sameRoles(v.roles, user.roles)) body.roles = v.roles;
  if (v.officeId !== user.officeId) body.officeId = v.officeId;
  return body;
}

export function UserEditForm({ user, onReload }: { user: UserView; onReload: () => void }) {
  const t = useT();
  const update = useUpdateUser(user.id);
  const [values, setValues] = useState<ProfileValues>({ displayName: user.displayName, email: user.email ?? '', roles: [...user.roles], officeId: user.officeId });
  const [errors, setErrors] = useState<FieldErrors<ProfileField>>({});
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<{ kind: 'saved' } | { kind: 'pending' } | { kind: 'error'; message: string; conflict: boolean } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setOutcome(null);
    const parsed = updateUserBody.safeParse(changes(user, values));
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t.users.errors));
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      const r = await update.mutateAsync(parsed.data);
      setOutcome({ kind: isPending(r) ? 'pending' : 'saved' });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setOutcome({ kind: 'error', message: server.message, conflict: err instanceof ApiError && err.status === 409 });
    }
  }

  return (
    <section aria-labelledby="edit-heading" className="harbor-section">
      <h2 id="edit-heading">{t.users.editHeading}</h2>
      <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
      {outcome?.kind === 'saved' ? <Alert kind="success">{t.users.saved}</Alert> : null}
      {outcome?.kind === 'pending' ? <AwaitingApproval /> : null}
      {outcome?.kind === 'error' ? (
        <Alert kind="error">
          {outcome.message}{' '}
          {outcome.conflict ? (
            <button type="button" className="usa-button usa-button--unstyled" onClick={onReload}>
              {t.common.reload}
            </button>
          ) : null}
        </Alert>
      ) : null}
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="edit-heading">
        <UserFields values={values} errors={errors} onChange={setValues} />
        <button type="submit" className="usa-button margin-top-3" disabled={update.isPending}>
          {t.users.save}
        </button>
      </form>
    </section>
  );
}
