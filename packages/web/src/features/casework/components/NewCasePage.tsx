import { towns } from '@harbor/policy';
import { createCaseBody, genders } from '@harbor/policy/api';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/Alert';
import { DescriptionList } from '../../../components/DescriptionList';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { DateField, SelectField, TextField } from '../../../components/fields';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { useSignedIn } from '../../../lib/auth';
import { serverFieldErrors, summaryItems, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { newKey, useCaseWorkers, useCreateCase } from '../api';
import { ChildPicker } from './ChildPicker';

type Field = 'child.personId' | 'child.firstName' | 'child.lastName' | 'child.dateOfBirth' | 'child.gender' | 'child.townName' | 'workerId' | 'officeId';
const order: readonly Field[] = ['child.personId', 'child.firstName', 'child.lastName', 'child.dateOfBirth', 'child.gender', 'child.townName', 'workerId', 'officeId'];
const idOf = (f: Field) => f.replace('child.', 'child-');

/** Open a case directly (later: imported from the agency's main system), in the caller's own area office. */
export function NewCasePage() {
  const t = useT();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const workers = useCaseWorkers();
  const create = useCreateCase();
  const key = useRef(newKey('case'));
  const [kind, setKind] = useState<'new' | 'existing'>('new');
  // An ongoing worker opening a case gives it to themselves unless they choose another.
  const [form, setForm] = useState({ personId: '', firstName: '', lastName: '', dateOfBirth: '', gender: '', townName: '', workerId: user.roles.includes('ongoing_worker') ? user.id : '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const c = t.casework.create;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const child =
      kind === 'existing'
        ? { kind, personId: form.personId }
        : { kind, firstName: form.firstName, lastName: form.lastName, dateOfBirth: form.dateOfBirth, gender: form.gender, townName: form.townName };
    const parsed = createCaseBody.safeParse({ child, officeId: user.office.id, workerId: form.workerId, idempotencyKey: key.current });
    if (!parsed.success) {
      const found: FieldErrors<Field> = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.') as Field;
        if ((order as readonly string[]).includes(path)) found[path] = c.errors[path];
      }
      setErrors(found);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      const made = await create.mutateAsync(parsed.data);
      await navigate(`/cases/${made.id}`, { state: { flash: c.done(made.number) } });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setFailure(server.message);
    }
  }

  return (
    <>
      <BackLink to="/cases">{t.casework.page.back}</BackLink>
      <PageHeading>{c.heading}</PageHeading>
      <p className="usa-intro">{c.intro}</p>
      <ErrorSummary items={summaryItems(errors, order, idOf)} attempt={attempt} />
      {failure ? <Alert kind="error">{failure}</Alert> : null}
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{c.childKind}</legend>
          {(['new', 'existing'] as const).map((k) => (
            <div className="usa-radio" key={k}>
              <input className="usa-radio__input" id={`childKind-${k}`} type="radio" name="childKind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <label className="usa-radio__label" htmlFor={`childKind-${k}`}>
                {k === 'new' ? c.newChild : c.existing}
              </label>
            </div>
          ))}
        </fieldset>
        {kind === 'existing' ? (
          <ChildPicker id="child-personId" value={form.personId} onChange={(personId) => setForm((f) => ({ ...f, personId }))} error={errors['child.personId']} />
        ) : (
          <>
            <TextField id="child-firstName" label={c.firstName} required error={errors['child.firstName']} value={form.firstName} onChange={set('firstName')} autoComplete="off" />
            <TextField id="child-lastName" label={c.lastName} required error={errors['child.lastName']} value={form.lastName} onChange={set('lastName')} autoComplete="off" />
            <DateField id="child-dateOfBirth" label={c.dateOfBirth} required error={errors['child.dateOfBirth']} value={form.dateOfBirth} onChange={set('dateOfBirth')} />
            <SelectField id="child-gender" label={c.gender} required error={errors['child.gender']} value={form.gender} onChange={set('gender')}>
              <option value="">{t.common.select}</option>
              {genders.map((g) => (
                <option key={g} value={g}>
                  {t.people.genders[g]}
                </option>
              ))}
            </SelectField>
            <TextField id="child-townName" label={c.town} hint={c.townHint} required error={errors['child.townName']} value={form.townName} onChange={set('townName')} list="case-towns" autoComplete="off" />
            <datalist id="case-towns">
              {towns.map((town) => (
                <option key={town.name} value={town.name} />
              ))}
            </datalist>
          </>
        )}
        <DescriptionList items={[{ term: c.office, value: user.office.name }]} />
        <SelectField id="workerId" label={c.worker} required error={errors.workerId} value={form.workerId} onChange={set('workerId')}>
          <option value="">{t.common.select}</option>
          {(workers.data ?? []).map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="usa-button margin-top-3" disabled={create.isPending}>
          {c.submit}
        </button>
      </form>
    </>
  );
}
