import type { ReactNode } from 'react';

/**
 * The page's one h1. It can take focus (tabIndex -1) so that a route change moves the screen
 * reader and keyboard to the new page's heading; the app layout does the moving.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <h1 className="harbor-page-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}
