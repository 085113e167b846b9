import { createOfficeBody, officeKinds } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { SelectField, TextField } from '../../../components/fields';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { orNull, serverFieldErrors, summaryItems, zodFieldErrors, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { useCreateOffice } from '../api';
import { OfficeFields, type PlaceValues } from './OfficeFields';

type Field = 'code' | 'kind' | keyof PlaceValues;
const order: readonly Field[] = ['code', 'name', 'kind', 'regionCode', 'townName', 'phone'];

export function OfficeCreatePage() {
  const t = useT();
  const navigate = useNavigate();
  const create = useCreateOffice();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState('');
  const [place, setPlace] = useState<PlaceValues>({ name: '', regionCode: '', townName: '', phone: '' });
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
    const parsed = createOfficeBody.safeParse({ code, kind, name: place.name, regionCode: orNull(place.regionCode), townName: orNull(place.townName), phone: orNull(place.phone) });
    if (!parsed.success) return fail(zodFieldErrors(parsed.error, t.offices.errors));
    try {
      const office = await create.mutateAsync(parsed.data);
      await navigate(`/offices/${office.id}`, { state: { flash: t.offices.created } });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      fail(server.fields);
      setFormError(server.message);
    }
  }

  return (
    <>
      <BackLink to="/offices">{t.offices.back}</BackLink>
      <PageHeading>{t.titles.officeNew}</PageHeading>
      <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
      {formError ? <Alert kind="error">{formError}</Alert> : null}
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="code" label={t.offices.code} hint={t.offices.codeHint} required autoComplete="off" autoCapitalize="characters" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} error={errors.code} />
        <SelectField id="kind" label={t.offices.kind} required value={kind} onChange={(e) => setKind(e.target.value)} error={errors.kind}>
          <option value="">{t.common.select}</option>
          {officeKinds.map((k) => (
            <option key={k} value={k}>
              {t.offices.kinds[k]}
            </option>
          ))}
        </SelectField>
        <OfficeFields values={place} errors={errors} onChange={setPlace} />
        <button type="submit" className="usa-button margin-top-3" disabled={create.isPending}>
          {t.offices.createSubmit}
        </button>
      </form>
    </>
  );
}
