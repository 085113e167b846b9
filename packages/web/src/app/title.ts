import type { UIMatch } from 'react-router';
import type { Messages } from '../i18n';

/**
 * Page titles come from one list: the `handle` of each route in router.tsx names its title in
 * the language files; the layout writes "<Page> | Harbor" on every route change. Titles never
 * hold record data (a child's name would end up in the browser's history).
 */
export interface RouteHandle {
  title: (t: Messages) => string;
}

export const titled = (title: (t: Messages) => string): { handle: RouteHandle } => ({ handle: { title } });

function isRouteHandle(value: unknown): value is RouteHandle {
  return typeof value === 'object' && value !== null && typeof (value as { title?: unknown }).title === 'function';
}

/** The title of the deepest route that names one. */
export function pageTitle(matches: readonly UIMatch[], t: Messages): string {
  for (let i = matches.length - 1; i >= 0; i--) {
    const handle = matches[i]?.handle;
    if (isRouteHandle(handle)) return `${handle.title(t)} | ${t.titles.suffix}`;
  }
  return t.titles.suffix;
}
