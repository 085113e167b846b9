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

/**
 * Paging (issue 11): every list takes a cursor and a page size and answers one page with the
 * cursor of the next (null on the last page). The cursor is opaque: the server encodes the sort
 * key of the page's last row in it, so the next page starts exactly after it (keyset paging:
 * every row once, in a stable order, however long the history).
 */
export const pageSizeDefault = 50;
export const pageSizeMax = 200;
export const pageCursor = z
  .string()
  .max(600)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a page cursor: use the nextCursor of the page before');
/** The paging fields of a list's query, to spread into its strict object. */
export const pageQueryFields = {
  cursor: pageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(pageSizeMax).default(pageSizeDefault),
};
export const pageQuery = z.strictObject(pageQueryFields);
export type PageQuery = z.infer<typeof pageQuery>;
export const sortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof sortDirection>;
/** One page of a list. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
