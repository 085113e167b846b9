import { useState } from 'react';
import { ApiError } from '../../../lib/api-client';

/** `participants.0.name` (the server's field) is the input `participants-0-name`. */
export const fieldId = (field: string): string => field.replace(/\./g, '-');

/**
 * A form's failed submits: errors by field id (for the error summary and each field), a message
 * for errors that name no field, and a counter that moves focus to the summary on every failure.
 */
export function useFormErrors(network: string, remap: Readonly<Record<string, string>> = {}) {
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const fail = (next: Map<string, string>, text: string | null = null) => {
    setErrors(next);
    setMessage(text);
    setAttempt((n) => n + 1);
  };
  const failWith = (err: unknown) => {
    if (err instanceof ApiError && err.fields.length > 0) fail(new Map(err.fields.map((f) => [remap[f.field] ?? fieldId(f.field), f.message])));
    else fail(new Map(), err instanceof ApiError ? err.message : network);
  };
  const clear = () => {
    setErrors(new Map());
    setMessage(null);
  };
  const summary = [...errors].map(([id, m]) => ({ id, message: m }));
  return { errors, message, attempt, fail, failWith, clear, summary };
}

/** A `datetime-local` value (local wall time) for an instant, and back to an ISO instant. */
export const localInput = (d: Date): string => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};
export const fromLocalInput = (value: string): string => (value && !Number.isNaN(new Date(value).getTime()) ? new Date(value).toISOString() : value);
