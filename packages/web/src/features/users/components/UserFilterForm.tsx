import { roles } from '@harbor/policy';
import { useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../../../components/fields';
import { useOffices } from '../../../lib/reference-data';
import { useT } from '../../../i18n';
import type { UserFilters } from '../api';

/** The users list's filters; applying them writes them into the URL (the list reads them there). */
export function UserFilterForm({ initial, onApply }: { initial: UserFilters; onApply: (filters: UserFilters) => void }) {
  const t = useT();
  const offices = useOffices().data ?? [];
  const [values, setValues] = useState(initial);
  // When the URL changes (applied, cleared, back button), the fields follow it. The form stays
  // mounted, so the button that was pressed keeps the focus.
  const [shown, setShown] = useState(initial);
  if (JSON.stringify(shown) !== JSON.stringify(initial)) {
    setShown(initial);
    setValues(initial);
  }
  const set = (key: keyof UserFilters) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...values, q: values.q.trim() });
  };
  return (
    <form className="harbor-filters" onSubmit={submit} role="search" aria-label={t.users.filtersLegend}>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend usa-legend--large">{t.users.filtersLegend}</legend>
        <div className="grid-row grid-gap">
          <div className="tablet:grid-col-4">
            <TextField id="filter-q" name="q" label={t.users.q} autoComplete="off" spellCheck={false} value={values.q} onChange={set('q')} />
          </div>
          <div className="tablet:grid-col-4">
            <SelectField id="filter-office" name="officeId" label={t.users.office} value={values.officeId} onChange={set('officeId')}>
              <option value="">{t.common.any}</option>
              {offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="tablet:grid-col-4">
            <SelectField id="filter-role" name="role" label={t.users.role} value={values.role} onChange={set('role')}>
              <option value="">{t.common.any}</option>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t.roles[r]}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        <div className="harbor-filters__actions">
          <button type="submit" className="usa-button">
            {t.users.apply}
          </button>
          <button type="button" className="usa-button usa-button--unstyled" onClick={() => onApply({ q: '', officeId: '', role: '' })}>
            {t.users.clear}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
