import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/**
 * One query cache for the app. Refused requests are not retried (the answer will not change);
 * a network failure is retried once. Window focus does not refetch: a refetch would count as
 * activity and keep an unattended session alive.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError) && count < 1,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});

/** Drops every cached record except the session itself (on sign-in, sign-out and lock). */
export function dropRecords(): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
}

/**
 * After a change that can start or close duties (a consult held, a checklist item done, an HT
 * concern raised): the work queues, compliance figures, timelines and home cards read again.
 */
export function refreshDuties(qc: QueryClient = queryClient): void {
  for (const key of ['home', 'work', 'compliance', 'timeline', 'investigations']) void qc.invalidateQueries({ queryKey: [key] });
}
