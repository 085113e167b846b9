import { useEffect, useRef } from 'react';
import { useT } from '../i18n';

export interface SummaryItem {
  /** The id of the field the item links to. */
  id: string;
  message: string;
}

/**
 * The error summary at the top of a form after a failed submit (STYLE.md): its heading takes
 * focus, and each item links to its field. `attempt` changes on every failed submit, so the
 * heading takes focus again even when the errors are the same.
 */
export function ErrorSummary({ items, attempt }: { items: SummaryItem[]; attempt: number }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = items.length > 0;
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [attempt, shown]);
  if (!shown) return null;
  return (
    <div className="usa-alert usa-alert--error harbor-error-summary" aria-labelledby="error-summary-heading">
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading" id="error-summary-heading" tabIndex={-1} ref={heading}>
          {t.common.errorSummary(items.length)}
        </h2>
        <ul className="usa-list usa-list--unstyled">
          {items.map((item) => (
            <li key={item.id}>
              <a
                href={`#${item.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  const field = document.getElementById(item.id);
                  field?.focus();
                  field?.scrollIntoView({ block: 'center' });
                }}
              >
                {item.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
