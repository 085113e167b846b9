import { updateOfficeBody, type OfficeView, type UpdateOfficeBody } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { ApiError } from '../../../lib/api-client';
import { orNull, serverFieldErrors, summaryItems, zodFieldErrors, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { useUpdateOffice } from '../api';
import { OfficeFields, type PlaceValues } from './OfficeFields';

type Field = keyof PlaceValues | 'active';
const order: readonly Field[] = ['name', 'regionCode', 'townName', 'phone', 'active'];

/** Only changed fields are sent, with the version the form was opened at (409 if it moved on). */
function changes(office: OfficeView, v: PlaceValues, active: boolean): UpdateOfficeBody {
  const body: UpdateOfficeBody = { version: office.version };
  if (v.name !== office.name) body.name = v.name;
  if (orNull(v.regionCode) !== office.regionCode) body.regionCode = orNull(v.regionCode);
  if (orNull(v.townName) !== office.townName) body.townName = orNull(v.townName);
  if (orNull(v.phone) !== office.phone) body.phone = orNull(v.phone);
  if (active !== office.active) body.active = active;
  return body;
}

export function OfficeEditForm({ office, onReload }: { office: OfficeView; onReload: () => void }) {
  const t = useT();
  const update = useUpdateOffice(office.id);
  const [values, setValues] = useState<PlaceValues>({ name: office.name, regionCode: office.regionCode ?? '', townName: office.townName ?? '', phone: office.phone ?? '' });
  const [active, setActive] = useState(office.active);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<{ kind: 'saved' } | { kind: 'error'; message: string; conflict: boolean } | null>(null);

  const fail = (next: FieldErrors<Field>) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setOutcome(null);
    const parsed = updateOfficeBody.safeParse(changes(office, values, active));
    if (!parsed.success) return fail(zodFieldErrors(parsed.error, t.offices.errors));
    setErrors({});
    try {
      await update.mutateAsync(parsed.data);
      setOutcome({ kind: 'saved' });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      fail(server.fields);
      if (server.message) setOutcome({ kind: 'error', message: server.message, conflict: err instanceof ApiError && err.status === 409 });
    }
  }

  return (
    <section aria-labelledby="edit-heading" className="harbor-section">
      <h2 id="edit-heading">{t.offices.editHeading}</h2>
      <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
      {outcome?.kind === 'saved' ? <Alert kind="success">{t.offices.saved}</Alert> : null}
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
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <OfficeFields values={values} errors={errors} onChange={setValues} />
        <fieldset className={`usa-fieldset usa-form-group${errors.active ? ' usa-form-group--error' : ''}`}>
          <legend className="usa-legend">{t.offices.openLegend}</legend>
          {errors.active ? (
            <span className="usa-error-message" id="active-error">
              {errors.active}
            </span>
          ) : null}
          <div className="usa-checkbox">
            <input className="usa-checkbox__input" id="active" type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} aria-describedby={errors.active ? 'active-error active-hint' : 'active-hint'} />
            <label className="usa-checkbox__label" htmlFor="active">
              {t.offices.open}
              <span className="usa-checkbox__label-description" id="active-hint">
                {t.offices.openHint}
              </span>
            </label>
          </div>
        </fieldset>
        <button type="submit" className="usa-button margin-top-3" disabled={update.isPending}>
          {t.offices.save}
        </button>
      </form>
    </section>
  );
}
