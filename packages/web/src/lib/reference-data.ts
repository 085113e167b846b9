import { agencyView, officePage } from '@harbor/policy/api';
import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';

/**
 * Reference data several features need: the offices and units (office.read), and the agency's
 * regions, towns and judicial districts (every signed-in user). Shared here so that no feature
 * imports another.
 */
export const officesKey = ['offices'] as const;

/** The agency has a few dozen offices: one page of the list holds them all. */
export const useOffices = () => useQuery({ queryKey: officesKey, queryFn: () => api.get('/api/offices?limit=200', officePage), select: (page) => page.items });

export const useAgency = () => useQuery({ queryKey: ['agency'], queryFn: () => api.get('/api/agency', agencyView), staleTime: Infinity });
