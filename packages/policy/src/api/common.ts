import { z } from 'zod';

export const uuid = z.uuid();
export const idParams = z.strictObject({ id: z.uuid() });
/** A list that takes no filters still refuses unknown ones, by name. */
export const noQuery = z.strictObject({});

/** Names and free text are bounded so an oversized field is refused with its name. */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);

/** The one error shape every route answers with. */
export const apiError = z.object({
  error: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiError>;

export const okResponse = z.object({ ok: z.literal(true) });

export const isoDateTime = z.string();

/** A calendar date (YYYY-MM-DD) from 1900 up to today: dates of birth, dates of events. */
export const pastDate = z.iso.date().refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), {
  message: 'Enter a date between 1900 and today',
});
