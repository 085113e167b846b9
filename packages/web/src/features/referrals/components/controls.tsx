import type { ReactNode } from 'react';
import { useT } from '../../../i18n';

/** Controls the intake form needs beyond the shared fields (the text area is shared: components/fields). */

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
