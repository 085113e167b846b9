/**
 * How many rows lead a page with a property the server orders first (the untriaged of the triage
 * queue, the overdue of My work): every such row of the whole list, unless the page is all theirs
 * and a next page follows; then there may be more ("N or more").
 */
export function leading<T>(rows: readonly T[], first: (row: T) => boolean, nextCursor: string | null): { count: number; more: boolean } {
  const end = rows.findIndex((r) => !first(r));
  const count = end === -1 ? rows.length : end;
  return { count, more: count === rows.length && nextCursor !== null };
}
