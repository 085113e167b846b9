import type { SortDirection } from '@harbor/policy/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api, queryString } from './api-client';

/**
 * A list read from the server one page at a time (the paging contract of issue 11: `?cursor=&limit=`
 * plus the list's filters and `sort=&dir=`, answered with `{ items, nextCursor }`). The cursors of
 * the pages walked so far, the sort and the filters live in the URL: Back returns to the page
 * before, and a link shows the same page to a colleague (within their own reach).
 */
export interface SortState {
  key: string;
  dir: SortDirection;
}

/** What a list page needs from a query: the same shape whether it holds a page or an array. */
export interface ListQuery<D> {
  data: D | undefined;
  error: unknown;
  isPending: boolean;
  /** True while an earlier page's rows are shown as the next one loads. */
  isPlaceholderData?: boolean;
  refetch: () => unknown;
}

/** One page of a list at a time, from the server. `D` is the whole answer (extra fields included). */
export interface PagedList<T, D extends { items: T[]; nextCursor: string | null } = { items: T[]; nextCursor: string | null }> {
  mode: 'server';
  query: ListQuery<D>;
  /** 0 on the first page. */
  pageIndex: number;
  limit: number;
  hasPrevious: boolean;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
  /** The order asked for; null is the list's own order (`defaultSort` names it, for aria-sort). */
  sort: SortState | null;
  defaultSort: SortState | null;
  /** Sorts by this key (again: the other direction), from the first page. */
  setSort: (key: string) => void;
  /** Writes the filters into the URL (empty values left out) and goes back to the first page. */
  setFilters: (filters: Record<string, string>) => void;
}

/** URL parameters the hook owns; a list's filters must be named otherwise. */
const reserved = ['cursors', 'sort', 'dir'] as const;
const cursorPattern = /^[A-Za-z0-9_-]{1,600}$/;
/** Cursors are base64url, so a dot separates them safely. Anything malformed starts again at page 1. */
function readStack(value: string | null): string[] {
  if (!value) return [];
  const parts = value.split('.');
  return parts.length <= 100 && parts.every((c) => cursorPattern.test(c)) ? parts : [];
}

export interface PagedListOptions {
  /** Rows per page (the server's default is 50, its most 200). */
  limit?: number;
  /**
   * The list's order while the URL names none: asked of the server (so a page may choose another
   * than the server's own default) and shown by aria-sort on its column.
   */
  defaultSort?: SortState;
  /** How long an unshown page stays in memory (React Query's gcTime); 0 for lists that must not linger. */
  gcTime?: number;
}

/**
 * The whole list is on screen: one page, and not an earlier page shown while another loads. Only
 * then is a count of the rows shown the list's total; otherwise the pager's "Showing rows 51–100" says where the page is.
 */
export const wholeList = (list: Pick<PagedList<unknown>, 'hasNext' | 'hasPrevious'> & { query: Pick<ListQuery<unknown>, 'isPlaceholderData'> }): boolean =>
  !list.hasNext && !list.hasPrevious && !list.query.isPlaceholderData;

/**
 * `usePagedList('audit', '/api/audit', filters, auditPage)`: the page of `path` the URL points at.
 * `params` are the list's filters as the page read them (from the URL, normally); when they change,
 * the list starts again from its first page.
 */
export function usePagedList<S extends z.ZodType<{ items: unknown[]; nextCursor: string | null }>>(
  key: string,
  path: string,
  params: Record<string, string | undefined>,
  schema: S,
  options: PagedListOptions = {},
): PagedList<z.infer<S>['items'][number], z.infer<S>> {
  const [search, setSearch] = useSearchParams();
  const limit = options.limit ?? 50;
  const stack = readStack(search.get('cursors'));
  const cursor = stack[stack.length - 1];
  const sortKey = search.get('sort');
  const dir = search.get('dir');
  const sort: SortState | null = sortKey && /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(sortKey) && (dir === 'asc' || dir === 'desc') ? { key: sortKey, dir } : null;
  const filters = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;

  const pageIndex = stack.length;
  const asked = sort ?? options.defaultSort ?? null;
  const answer = useQuery({
    queryKey: [key, path, filters, cursor ?? null, asked?.key ?? null, asked?.dir ?? null, limit],
    // The answer keeps the number of its page: while the next page loads, the rows shown (the
    // page before's) are counted as what they are.
    queryFn: async () => ({ page: await api.get(`${path}${queryString({ ...filters, cursor, limit, sort: asked?.key, dir: asked?.dir })}`, schema), index: pageIndex }),
    // The rows of the page before stay on screen (marked busy) while the next one loads.
    placeholderData: keepPreviousData,
    staleTime: 0,
    ...(options.gcTime !== undefined ? { gcTime: options.gcTime } : {}),
  });
  const query: ListQuery<z.infer<S>> = {
    data: answer.data?.page,
    error: answer.error,
    isPending: answer.isPending,
    isPlaceholderData: answer.isPlaceholderData,
    refetch: answer.refetch,
  };

  const update = (change: (next: URLSearchParams) => void, replace = false) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        change(next);
        return next;
      },
      { replace },
    );

  // Filters changed by the page itself (not through setFilters): back to the first page.
  const signature = JSON.stringify(filters);
  const seen = useRef(signature);
  useEffect(() => {
    if (seen.current === signature) return;
    seen.current = signature;
    if (stack.length > 0) void update((next) => next.delete('cursors'), true);
  });

  const nextCursor = answer.data && !answer.isPlaceholderData ? answer.data.page.nextCursor : null;
  const shown = answer.data?.index ?? pageIndex;
  return {
    mode: 'server',
    query,
    pageIndex: shown,
    limit,
    hasPrevious: shown > 0,
    hasNext: nextCursor !== null,
    next: () => {
      if (nextCursor) void update((next) => next.set('cursors', [...stack, nextCursor].join('.')));
    },
    previous: () =>
      void update((next) => {
        if (stack.length > 1) next.set('cursors', stack.slice(0, -1).join('.'));
        else next.delete('cursors');
      }),
    sort,
    defaultSort: options.defaultSort ?? null,
    setSort: (sortBy) => {
      const current = sort ?? options.defaultSort ?? null;
      const nextDir: SortDirection = current?.key === sortBy && current.dir === 'asc' ? 'desc' : 'asc';
      void update((next) => {
        next.delete('cursors');
        next.set('sort', sortBy);
        next.set('dir', nextDir);
      });
    },
    setFilters: (values) =>
      void update((next) => {
        for (const k of new Set([...Object.keys(params), ...Object.keys(values)])) if (!(reserved as readonly string[]).includes(k)) next.delete(k);
        for (const [k, v] of Object.entries(values)) if (v && !(reserved as readonly string[]).includes(k)) next.set(k, v);
        next.delete('cursors');
      }),
  };
}

/**
 * Every row of a server list, page after page of the largest size (200), for a choice list that
 * must offer them all (the unit's duty owners, the investigators a supervisor may assign): stops
 * after `mostPages` pages, a bound far above a state's staff.
 */
export async function readEveryPage<T>(path: string, schema: z.ZodType<{ items: T[]; nextCursor: string | null }>, mostPages: number): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < mostPages; n += 1) {
    const page: { items: T[]; nextCursor: string | null } = await api.get(`${path}${queryString({ limit: 200, cursor: cursor ?? undefined })}`, schema);
    rows.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return rows;
}
