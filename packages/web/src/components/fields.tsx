import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useT } from '../i18n';

/**
 * Form fields in the USWDS pattern: label above the input, "required" in words, hint and
 * inline error tied to the input by aria-describedby, aria-invalid when in error.
 */
interface FieldFrame {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame({ id, label, hint, error, required, children }: FieldFrame & { children: ReactNode }) {
  const t = useT();
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
      {children}
    </div>
  );
}

type InputProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'required'>;

export function TextField({ id, label, hint, error, required, className, ...input }: InputProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} required={required}>
      <input
        {...input}
        id={id}
        name={input.name ?? id}
        className={`usa-input${error ? ' usa-input--error' : ''}${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-required={required ? true : undefined}
      />
    </Frame>
  );
}

type TextAreaProps = FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'required'>;

export function TextAreaField({ id, label, hint, error, required, className, ...area }: TextAreaProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} required={required}>
      <textarea
        {...area}
        id={id}
        name={area.name ?? id}
        className={`usa-textarea${error ? ' usa-input--error' : ''}${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-required={required ? true : undefined}
      />
    </Frame>
  );
}

/** The one date pattern of the app: the browser's own date input (yyyy-mm-dd). */
export const DateField = (props: Omit<InputProps, 'type'>) => <TextField {...props} type="date" className="harbor-date" />;

type SelectProps = FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'required'> & { children: ReactNode };

export function SelectField({ id, label, hint, error, required, children, ...select }: SelectProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} required={required}>
      <select
        {...select}
        id={id}
        name={select.name ?? id}
        className={`usa-select${error ? ' usa-input--error' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-required={required ? true : undefined}
      >
        {children}
      </select>
    </Frame>
  );
}
