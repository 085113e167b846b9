import { partyKinds, type PartyKind } from '@harbor/policy';
import { outboxPage, outboxStatuses, type OutboxStatus } from '@harbor/policy/api';
import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../lib/api-client';

export const pageSize = 50;

export const isOutboxStatus = (v: string): v is OutboxStatus => (outboxStatuses as readonly string[]).includes(v);

/** One page of outgoing mail, newest first; the filter and the page live in the URL. */
export const useOutbox = (status: OutboxStatus | '', offset: number) =>
  useQuery({
    queryKey: ['outbox', status, offset],
    queryFn: () => api.get(`/api/outbox${queryString({ status, offset: offset || undefined, limit: pageSize })}`, outboxPage),
    placeholderData: (previous) => previous,
    staleTime: 0,
  });

export const isPartyKind = (kind: string): kind is PartyKind => (partyKinds as readonly string[]).includes(kind);
