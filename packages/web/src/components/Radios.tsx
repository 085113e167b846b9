import type { ReactNode } from 'react';

/**
 * A fieldset of USWDS radio buttons: arrow keys move between them (one group, one name). The
 * first radio carries `id`, so an error link lands on it.
 */
export function Radios<V extends string>({
  id,
  legend,
  hint,
  error,
  options,
  value,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly { value: V; label: string; hint?: string | undefined }[];
  value: V | '';
  onChange: (next: V) => void;
}) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`usa-fieldset usa-form-group${error ? ' usa-form-group--error' : ''}`} aria-describedby={described}>
      <legend className="usa-legend">{legend}</legend>
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
      {options.map((o, i) => {
        const radioId = i === 0 ? id : `${id}-${o.value}`;
        return (
          <div className="usa-radio" key={o.value}>
            <input className="usa-radio__input" id={radioId} type="radio" name={id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            <label className="usa-radio__label" htmlFor={radioId}>
              {o.label}
              {o.hint ? <span className="usa-checkbox__label-description">{o.hint}</span> : null}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
