import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ListQuery, PagedList, SortState } from '../lib/paged-list';
import { useT } from '../i18n';
import { LoadError, Loading } from './QueryState';
import { ResultCount } from './ResultCount';

/**
 * The one list table of the app (issue 11): a USWDS table with a caption, a key column that stays
 * in view while a wide table scrolls sideways, sortable headers (buttons, aria-sort), paging
 * ("Showing rows 51–100", Previous page / Next page), an empty state, the loading and error states
 * of QueryState, and the list's filters above it.
 *
 * Rows come from one of three places, and a page switches between them by changing one line:
 * - `rows={array}`: rows already loaded (part of a record); sorted and paged here.
 * - `list={allRows(useSomething())}`: a query answering the whole list; sorted and paged here.
 * - `list={usePagedList(key, path, filters, pageSchema)}`: one page at a time from the server,
 *   sorted there; cursors, sort and filters in the URL.
 */
export interface Column<T> {
  /** Unique among the table's columns. */
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /**
   * Sorting by this column: `key` is the server's sort key (server paging), `value` what rows are
   * compared by when the list is sorted in the browser. Without the one the mode needs, the header
   * is not a button.
   */
  sort?: { key?: string; value?: (row: T) => string | number | boolean | null | undefined };
  /** Classes of the column's cells (`harbor-time`, `harbor-nowrap`, `text-right` ...). */
  className?: string;
  headerClassName?: string;
}

/** A whole list from one query, sorted and paged in the browser. */
export interface AllRows<T> {
  mode: 'all';
  query: ListQuery<readonly T[]>;
}

export const allRows = <T,>(query: ListQuery<readonly T[]>): AllRows<T> => ({ mode: 'all', query });

export type ListSource<T> = AllRows<T> | PagedList<T, { items: T[]; nextCursor: string | null }>;

interface Common<T> {
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** The table's caption (visually hidden with `captionHidden`, when a heading above says it). */
  caption: string;
  captionHidden?: boolean;
  /**
   * The column that heads each row (th scope="row"), the first by default. The first column stays
   * in view while a wide table scrolls sideways (sticky), so make the key column the first one.
   */
  keyColumn?: string;
  /** What shows when there are no rows; null shows nothing (a count above already says so). */
  empty?: ReactNode;
  /** The count above the table (announced politely): all the rows of a browser list, the page's of a server list. */
  count?: (rows: readonly T[]) => string | null;
  /** Row emphasis, for the rows that need it (an overdue duty, a refused request), never for all of them by default. */
  emphasis?: (row: T) => 'overdue' | 'alert' | null | undefined | false;
  /** data-* attributes of a row (for instance the notice it shows), for tests and styles. */
  rowData?: (row: T) => Record<`data-${string}`, string>;
  /** Rows per page when the browser pages (50). */
  pageSize?: number;
  compact?: boolean;
  /** More classes of the table element (a page's own styles, and what tests find it by). */
  tableClassName?: string;
  /** The list's filter controls, shown above the table. */
  children?: ReactNode;
}

export type DataTableProps<T> = Common<T> & ({ rows: readonly T[]; list?: never } | { list: ListSource<T>; rows?: never });

const sortValue = (v: string | number | boolean | null | undefined): string | number => (typeof v === 'boolean' ? Number(v) : (v ?? ''));

function compare<T>(column: Column<T> | undefined, dir: 'asc' | 'desc') {
  const value = column?.sort?.value;
  if (!value) return null;
  const sign = dir === 'asc' ? 1 : -1;
  return (a: T, b: T) => {
    const x = value(a);
    const y = value(b);
    // Rows without a value go last, whichever the direction.
    if ((x === null || x === undefined) !== (y === null || y === undefined)) return x === null || x === undefined ? 1 : -1;
    const p = sortValue(x);
    const q = sortValue(y);
    if (typeof p === 'number' && typeof q === 'number') return (p - q) * sign;
    return String(p).localeCompare(String(q), undefined, { numeric: true }) * sign;
  };
}

/**
 * One page of a list held in the browser: sorted by a column (stable: equal rows keep the list's
 * order), the page number clamped to the last page when the list has shrunk.
 */
export function browserPage<T>(data: readonly T[], columns: readonly Column<T>[], sort: SortState | null, page: number, pageSize: number) {
  const byColumn = sort ? compare(columns.find((c) => c.id === sort.key), sort.dir) : null;
  const sorted = byColumn ? [...data].sort(byColumn) : data;
  const lastPage = Math.max(0, Math.ceil(sorted.length / pageSize) - 1);
  const at = Math.min(Math.max(0, page), lastPage);
  return { rows: sorted.slice(at * pageSize, (at + 1) * pageSize), page: at, first: at * pageSize, hasPrevious: at > 0, hasNext: at < lastPage, total: sorted.length };
}

export function DataTable<T>(props: DataTableProps<T>) {
  const t = useT();
  const { columns, rowKey, caption, captionHidden, empty = t.table.empty, count, emphasis, rowData, pageSize = 50, compact, tableClassName, children } = props;
  const list: ListSource<T> | null = props.list ?? null;
  const server = list?.mode === 'server' ? list : null;
  const id = useId();
  const captionId = `${id}-caption`;
  const regionRef = useRef<HTMLDivElement>(null);
  const [localSort, setLocalSort] = useState<SortState | null>(null);
  const [localPage, setLocalPage] = useState(0);
  const [paged, setPaged] = useState(0);

  // After Next or Previous: when the pressed button is gone (first or last page), the table takes the focus.
  useEffect(() => {
    if (paged > 0 && (document.activeElement === document.body || document.activeElement === null)) regionRef.current?.focus();
  }, [paged, server?.pageIndex, localPage, server?.query.data]);

  const query = list?.query ?? null;
  const data: readonly T[] | undefined = props.rows ?? (server ? server.query.data?.items : list?.mode === 'all' ? list.query.data : undefined);
  if (data === undefined) {
    return (
      <>
        {children}
        {query && query.isPending ? <Loading /> : <LoadError error={query?.error} onRetry={() => void query?.refetch()} />}
      </>
    );
  }

  const keyId = props.keyColumn ?? columns[0]?.id;
  // The key column stays in view while the table scrolls sideways when it is the first one; elsewhere it still heads its row.
  const sticky = (c: Column<T>) => c.id === keyId && c.id === columns[0]?.id;
  const ordered = columns;
  const sortable = (c: Column<T>) => (server ? c.sort?.key !== undefined : c.sort?.value !== undefined);
  const sortKeyOf = (c: Column<T>) => (server ? (c.sort?.key ?? c.id) : c.id);
  const activeSort = server ? (server.sort ?? server.defaultSort) : localSort;

  let rows: readonly T[] = data;
  let first = 0;
  let hasPrevious = false;
  let hasNext = false;
  let total: number | null = null;
  let page = 0;
  if (server) {
    first = server.pageIndex * server.limit;
    hasPrevious = server.hasPrevious;
    hasNext = server.hasNext;
  } else {
    const shown = browserPage(data, columns, localSort, localPage, pageSize);
    ({ rows, page, first, hasPrevious, hasNext, total } = shown);
  }

  const busy = Boolean(server?.query.isPlaceholderData);
  const onSort = (c: Column<T>) => {
    const key = sortKeyOf(c);
    if (server) return server.setSort(key);
    setLocalSort((s) => ({ key, dir: s?.key === key && s.dir === 'asc' ? 'desc' : 'asc' }));
    setLocalPage(0);
  };
  const go = (step: 1 | -1) => {
    // While a page loads, a second press waits (its button stays focusable: disabling it would drop the focus).
    if (busy) return;
    setPaged((n) => n + 1);
    if (server) return step === 1 ? server.next() : server.previous();
    setLocalPage(Math.max(0, page + step));
  };

  const countText = count?.(data) ?? null;
  // While the next page loads, the rows on screen are still the page before: the range says so, not where they will be.
  const range = busy ? t.table.loadingRange(first + 1) : total !== null ? t.table.rangeOf(first + 1, first + rows.length, total) : t.table.range(first + 1, first + rows.length);
  return (
    <>
      {children}
      {countText ? <ResultCount text={countText} /> : null}
      {rows.length === 0 ? (
        empty === null ? null : <p className="harbor-table-empty">{empty}</p>
      ) : (
        <div ref={regionRef} className="usa-table-container--scrollable harbor-data-table" tabIndex={0} role="region" aria-labelledby={captionId} aria-busy={busy || undefined}>
          <table className={`usa-table usa-table--striped harbor-table${compact ? ' usa-table--compact' : ''}${tableClassName ? ` ${tableClassName}` : ''}`}>
            <caption id={captionId} className={captionHidden ? 'usa-sr-only' : undefined}>
              {caption}
            </caption>
            <thead>
              <tr>
                {ordered.map((c) => {
                  const sorted = activeSort && sortable(c) && activeSort.key === sortKeyOf(c) ? activeSort.dir : null;
                  const cls = [sticky(c) ? 'harbor-key-col' : '', c.headerClassName ?? ''].filter(Boolean).join(' ') || undefined;
                  return (
                    <th key={c.id} scope="col" className={cls} aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}>
                      {sortable(c) ? (
                        <button type="button" className="harbor-sort" onClick={() => onSort(c)}>
                          {c.header}
                          <span className="harbor-sort__icon" aria-hidden="true">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '⇅'}
                          </span>
                        </button>
                      ) : (
                        c.header
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const emphasized = emphasis?.(r);
                return (
                <tr key={rowKey(r)} className={emphasized ? `harbor-row--${emphasized}` : undefined} {...rowData?.(r)}>
                  {ordered.map((c) =>
                    c.id === keyId ? (
                      <th key={c.id} scope="row" className={[sticky(c) ? 'harbor-key-col' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined}>
                        {c.cell(r)}
                      </th>
                    ) : (
                      <td key={c.id} className={c.className}>
                        {c.cell(r)}
                      </td>
                    ),
                  )}
                </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > 0 && (hasNext || hasPrevious) ? (
        <nav className="harbor-pager" aria-label={t.table.pages(caption)}>
          <p className="harbor-table-range" role="status">
            {range}
          </p>
          {hasPrevious ? (
            <button type="button" className="usa-button usa-button--outline harbor-pager__previous" onClick={() => go(-1)}>
              {t.table.previous}
            </button>
          ) : null}
          {hasNext ? (
            <button type="button" className="usa-button usa-button--outline harbor-pager__next" onClick={() => go(1)}>
              {t.table.next}
            </button>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
