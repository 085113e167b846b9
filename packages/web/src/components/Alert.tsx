import type { ReactNode } from 'react';

type Kind = 'success' | 'error' | 'warning' | 'info';

/**
 * A USWDS slim alert. Success and information are announced politely (role status); errors
 * assertively (role alert).
 */
export function Alert({ kind, children, heading }: { kind: Kind; children: ReactNode; heading?: ReactNode }) {
  return (
    <div className={`usa-alert usa-alert--${kind}${heading ? '' : ' usa-alert--slim'} margin-y-2`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="usa-alert__body">
        {heading ? <h2 className="usa-alert__heading">{heading}</h2> : null}
        <div className="usa-alert__text">{children}</div>
      </div>
    </div>
  );
}
