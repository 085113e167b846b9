import { partyKinds, type PartyKind } from '@harbor/policy';
import { outboxStatuses, type OutboxStatus } from '@harbor/policy/api';

export const isOutboxStatus = (v: string): v is OutboxStatus => (outboxStatuses as readonly string[]).includes(v);

/** Newest first unless sorted otherwise (the server's `created`, descending). */
export const outboxDefaultSort = { key: 'created', dir: 'desc' } as const;

export const isPartyKind = (kind: string): kind is PartyKind => (partyKinds as readonly string[]).includes(kind);
