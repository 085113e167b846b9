import type { ReactNode } from 'react';
import { useT } from '../i18n';

interface Option<V extends string> {
  value: V;
  label: string;
}

/**
 * A fieldset of checkboxes (roles, for example). The first checkbox carries the group's `id`,
 * so the error summary's link lands on it.
 */
export function CheckboxGroup<V extends string>(props: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  options: readonly Option<V>[];
  selected: readonly V[];
  onChange: (next: V[]) => void;
}) {
  const t = useT();
  const { id, legend, hint, error, required, options, selected, onChange } = props;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const toggle = (value: V, on: boolean) => onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <fieldset className={`usa-fieldset usa-form-group${error ? ' usa-form-group--error' : ''}`} aria-describedby={described}>
      <legend className={`usa-legend${error ? ' usa-label--error' : ''}`}>
        {legend} {required ? <span className="harbor-required">{t.common.required}</span> : null}
      </legend>
      {hint ? (
        <div className="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="usa-error-message" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      <div className="harbor-checkbox-columns">
        {options.map((o, i) => {
          const boxId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <div className="usa-checkbox" key={o.value}>
              <input
                className="usa-checkbox__input"
                id={boxId}
                type="checkbox"
                name={id}
                value={o.value}
                checked={selected.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
                aria-invalid={error ? true : undefined}
              />
              <label className="usa-checkbox__label" htmlFor={boxId}>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
