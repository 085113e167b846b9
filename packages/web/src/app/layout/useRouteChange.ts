import { useEffect } from 'react';
import { useLocation, useMatches } from 'react-router';
import { useT } from '../../i18n';
import { pageTitle } from '../title';

/**
 * On every route change: the page title from the route list, scroll to the top, and focus on the
 * page's h1 so keyboard and screen-reader users start at the new page. A change of the query
 * string alone (filters) is not a new page and leaves focus where it is.
 */
/** The page focus was last set for; the first page of a visit keeps the browser's own start. */
let settledOn: string | null = null;

export function useRouteChange(): void {
  const t = useT();
  const { pathname } = useLocation();
  const title = pageTitle(useMatches(), t);

  useEffect(() => {
    document.title = title;
  }, [title]);

  useEffect(() => {
    const first = settledOn === null;
    if (settledOn === pathname) return;
    settledOn = pathname;
    // On the first page the browser starts at the top of the document on its own.
    if (first) return;
    window.scrollTo(0, 0);
    const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main-content');
    target?.focus();
  }, [pathname]);
}
