import { newPasswordSchema } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { changePassword, useSession } from '../../../lib/auth';
import { serverFieldErrors, summaryItems, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';
const order: readonly Field[] = ['currentPassword', 'newPassword', 'confirmPassword'];

/** Change your own password; the only page open to a user whose password an administrator set. */
export function ChangePasswordPage() {
  const t = useT();
  const navigate = useNavigate();
  const { mustChangePassword } = useSession();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const set = (field: Field) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const fail = (next: FieldErrors<Field>) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: FieldErrors<Field> = {};
    if (!values.currentPassword) found.currentPassword = t.session.currentMissing;
    if (!newPasswordSchema.safeParse(values.newPassword).success) found.newPassword = t.session.newTooShort;
    else if (values.confirmPassword !== values.newPassword) found.confirmPassword = t.session.confirmMismatch;
    if (Object.keys(found).length > 0) return fail(found);
    setBusy(true);
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      await navigate('/', { replace: true, state: { flash: t.session.changed } });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      fail(server.message ? { currentPassword: server.message } : server.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid-row">
      <div className="grid-col-12 tablet:grid-col-8 desktop:grid-col-6">
        <PageHeading>{t.session.changeHeading}</PageHeading>
        <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
        <p className="usa-intro">{mustChangePassword ? t.session.changeIntroForced : t.session.changeIntro}</p>
        <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
          <TextField id="currentPassword" label={t.session.currentPassword} hint={mustChangePassword ? t.session.currentHint : undefined} required type="password" autoComplete="current-password" value={values.currentPassword} onChange={set('currentPassword')} error={errors.currentPassword} />
          <TextField id="newPassword" label={t.session.newPassword} hint={t.session.newHint} required type="password" autoComplete="new-password" value={values.newPassword} onChange={set('newPassword')} error={errors.newPassword} />
          <TextField id="confirmPassword" label={t.session.confirmPassword} required type="password" autoComplete="new-password" value={values.confirmPassword} onChange={set('confirmPassword')} error={errors.confirmPassword} />
          <button type="submit" className="usa-button margin-top-3" disabled={busy}>
            {t.session.changeSubmit}
          </button>
        </form>
      </div>
    </div>
  );
}
