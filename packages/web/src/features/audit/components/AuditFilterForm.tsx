import { auditOutcomes } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { DateField, SelectField, TextField } from '../../../components/fields';
import { summaryItems, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import type { AuditFilters } from '../api';

const empty: AuditFilters = { username: '', recordType: '', recordId: '', action: '', outcome: '', from: '', to: '' };

/** The audit filters. Applying them writes them into the URL, which the results read. */
export function AuditFilterForm({ initial, onApply }: { initial: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const t = useT();
  const a = t.audit;
  const [values, setValues] = useState(initial);
  // When the URL changes (applied, cleared, back button), the fields follow it. The form stays
  // mounted, so the button that was pressed keeps the focus.
  const [shown, setShown] = useState(initial);
  if (JSON.stringify(shown) !== JSON.stringify(initial)) {
    setShown(initial);
    setValues(initial);
  }
  const [errors, setErrors] = useState<FieldErrors<'to'>>({});
  const [attempt, setAttempt] = useState(0);
  const set = (key: keyof AuditFilters) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (values.from && values.to && values.to < values.from) {
      setErrors({ to: a.dateOrder });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    onApply({ ...values, username: values.username.trim(), recordType: values.recordType.trim(), recordId: values.recordId.trim(), action: values.action.trim() });
  };

  return (
    <>
      <ErrorSummary items={summaryItems(errors, ['to'] as const, () => 'filter-to')} attempt={attempt} />
      <form className="harbor-filters" onSubmit={submit} role="search" aria-label={a.filtersLegend} noValidate>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{a.filtersLegend}</legend>
          <div className="grid-row grid-gap">
            <div className="tablet:grid-col-6 desktop:grid-col-3">
              <TextField id="filter-username" name="username" label={a.username} autoComplete="off" spellCheck={false} value={values.username} onChange={set('username')} />
            </div>
            <div className="tablet:grid-col-6 desktop:grid-col-3">
              <TextField id="filter-action" name="action" label={a.action} hint={a.actionHint} spellCheck={false} value={values.action} onChange={set('action')} />
            </div>
            <div className="tablet:grid-col-6 desktop:grid-col-3">
              <TextField id="filter-record-type" name="recordType" label={a.recordType} hint={a.recordTypeHint} spellCheck={false} value={values.recordType} onChange={set('recordType')} />
            </div>
            <div className="tablet:grid-col-6 desktop:grid-col-3">
              <TextField id="filter-record-id" name="recordId" label={a.recordId} spellCheck={false} value={values.recordId} onChange={set('recordId')} />
            </div>
            <div className="tablet:grid-col-4 desktop:grid-col-3">
              <SelectField id="filter-outcome" name="outcome" label={a.outcome} value={values.outcome} onChange={set('outcome')}>
                <option value="">{t.common.any}</option>
                {auditOutcomes.map((o) => (
                  <option key={o} value={o}>
                    {a.outcomes[o]}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="tablet:grid-col-4 desktop:grid-col-3">
              <DateField id="filter-from" name="from" label={a.from} hint={a.dateHint} value={values.from} onChange={set('from')} />
            </div>
            <div className="tablet:grid-col-4 desktop:grid-col-3">
              <DateField id="filter-to" name="to" label={a.to} hint={a.dateHint} value={values.to} onChange={set('to')} error={errors.to} />
            </div>
          </div>
          <div className="harbor-filters__actions">
            <button type="submit" className="usa-button">
              {a.apply}
            </button>
            <button type="button" className="usa-button usa-button--unstyled" onClick={() => onApply(empty)}>
              {a.clear}
            </button>
          </div>
        </fieldset>
      </form>
    </>
  );
}
