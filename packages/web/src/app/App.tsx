import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { RouterProvider } from 'react-router';
import { queryClient } from '../lib/query-client';
import { I18nProvider, useT } from '../i18n';
import { createRouter } from './router';

function Starting() {
  const t = useT();
  return (
    <p className="harbor-starting" role="status">
      {t.common.loading}
    </p>
  );
}

/** Providers, then the router. The session is read once before the first page shows. */
export function App() {
  const [router] = useState(createRouter);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Suspense fallback={<Starting />}>
          <RouterProvider router={router} />
        </Suspense>
      </I18nProvider>
    </QueryClientProvider>
  );
}
