import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client';
import { useT } from '../i18n';

/** What a page shows while its data loads, or when it could not be loaded. */
export function Loading() {
  const t = useT();
  return (
    <p className="harbor-loading" role="status">
      {t.common.loading}
    </p>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const message = error instanceof ApiError ? error.message : t.common.network;
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <div className="usa-alert usa-alert--error" role="alert">
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading">{t.common.loadFailed}</h2>
        <p className="usa-alert__text">{message}</p>
        {requestId ? <p className="usa-alert__text">{t.common.requestId(requestId)}</p> : null}
        {onRetry ? (
          <button type="button" className="usa-button usa-button--outline margin-top-1" onClick={onRetry}>
            {t.common.retry}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** Renders the data of a query once it is there. */
export function QueryState<T>({ query, children }: { query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown }; children: (data: T) => ReactNode }) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.isPending) return <Loading />;
  return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
}
