import type { z } from 'zod';
import { ApiError } from './api-client';

/** One message per field, worded for the person filling in the form. */
export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** The fields a zod check refused, each with the form's own message for that field. */
export function zodFieldErrors<K extends string>(error: z.ZodError, messages: Record<K, string>): FieldErrors<K> {
  const out: FieldErrors<K> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (key in messages) out[key as K] = messages[key as K];
  }
  return out;
}

/**
 * A refusal from the server, split into the fields it names (shown at those fields, in the
 * server's words) and a message for the whole form.
 */
export function serverFieldErrors<K extends string>(err: unknown, fields: readonly K[]): { fields: FieldErrors<K>; message: string | null } {
  if (!(err instanceof ApiError)) return { fields: {}, message: null };
  const out: FieldErrors<K> = {};
  for (const f of err.fields) if ((fields as readonly string[]).includes(f.field)) out[f.field as K] = f.message;
  return { fields: out, message: Object.keys(out).length > 0 ? null : err.message };
}

/** The errors in the order of the form, for the error summary. */
export function summaryItems<K extends string>(errors: FieldErrors<K>, order: readonly K[], idOf: (field: K) => string = (f) => f) {
  return order.flatMap((field) => {
    const message = errors[field];
    return message ? [{ id: idOf(field), message }] : [];
  });
}

export const hasErrors = (errors: FieldErrors<string>): boolean => Object.values(errors).some(Boolean);

/** Empty text fields mean "not given". */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** A key made once per form, so a retried or double-clicked submission creates one record (the server answers the first). */
export const newIdempotencyKey = (prefix: string): string => `${prefix}-${crypto.randomUUID()}`;
