import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A link that looks like a USWDS button (it navigates, so it stays a link). */
export function LinkButton({ to, children, variant }: { to: string; children: ReactNode; variant?: 'outline' | 'secondary' }) {
  return (
    <Link to={to} className={`usa-button${variant ? ` usa-button--${variant}` : ''}`}>
      {children}
    </Link>
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="harbor-back">
      <Link to={to} className="usa-link">
        <span aria-hidden="true">← </span>
        {children}
      </Link>
    </p>
  );
}
