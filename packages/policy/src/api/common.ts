import { z } from 'zod';

export const uuid = z.uuid();
export const idParams = z.strictObject({ id: z.uuid() });

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
