import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { useT } from '../../../i18n';

/** Controls the intake form needs beyond the shared fields: a text area and a single checkbox. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  required,
  ...area
}: { id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined; required?: boolean } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'required'>) {
  const t = useT();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label className={`usa-label${error ? ' usa-label--error' : ''}`} htmlFor={id}>
        {label} {required ? <span className="harbor-required">{t.common.required}</span> : null}
      </label>
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
      <textarea
        {...area}
        id={id}
        name={id}
        className={`usa-textarea${error ? ' usa-input--error' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        aria-required={required ? true : undefined}
      />
    </div>
  );
}

export function Checkbox({ id, label, hint, checked, onChange, error }: { id: string; label: ReactNode; hint?: ReactNode; checked: boolean; onChange: (on: boolean) => void; error?: string | undefined }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="usa-checkbox">
      {error ? (
        <span className="usa-error-message" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      <input className="usa-checkbox__input" id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={described} aria-invalid={error ? true : undefined} />
      <label className="usa-checkbox__label" htmlFor={id}>
        {label}
        {hint ? (
          <span className="usa-checkbox__label-description" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

/** Options of a select from a list of codes and their labels, after "- Select -". */
export function Options<V extends string>({ codes, labels }: { codes: readonly V[]; labels: Readonly<Record<V, string>> }) {
  const t = useT();
  return (
    <>
      <option value="">{t.common.select}</option>
      {codes.map((c) => (
        <option key={c} value={c}>
          {labels[c]}
        </option>
      ))}
    </>
  );
}
