import { expect } from 'vitest';
import type { Client, Reply } from './harness.js';

/** Issue 11: every list pages. The rows of a list, page after page, with how many pages it took. */
export async function collectPages<T>(client: Client, path: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | null = null;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const page: Reply<{ items: T[]; nextCursor: string | null }> = await client.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status, `${path}: ${JSON.stringify(page.body)}`).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    pages += 1;
    expect(pages, `${path} never ends`).toBeLessThan(10_000);
  } while (cursor);
  return { items, pages };
}

/**
 * A list read in small pages returns every row of the list read in large pages exactly once, in
 * the same (stable) order; and a cursor that is not one is refused, naming the field.
 */
export async function expectStablePaging<T>(client: Client, path: string, key: (row: T) => string, small = 3): Promise<T[]> {
  const whole = await collectPages<T>(client, path, 200);
  const paged = await collectPages<T>(client, path, small);
  const ids = paged.items.map(key);
  expect(new Set(ids).size, `${path}: a row shown twice`).toBe(ids.length);
  expect(ids, `${path}: small pages differ from large ones`).toEqual(whole.items.map(key));
  if (whole.items.length > small) expect(paged.pages).toBeGreaterThan(1);
  const sep = path.includes('?') ? '&' : '?';
  const bad = await client.get<{ fields?: { field: string }[] }>(`${path}${sep}cursor=bm90LWEtY3Vyc29y`);
  expect(bad.status).toBe(400);
  expect(bad.body.fields?.[0]?.field).toBe('cursor');
  return whole.items;
}
