import { agencyView, officeView } from '@harbor/policy/api';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from './api-client';

/**
 * Reference data several features need: the offices and units (office.read), and the agency's
 * regions, towns and judicial districts (any signed-in user). Shared here so that no feature
 * imports another.
 */
export const officesKey = ['offices'] as const;

export const useOffices = () => useQuery({ queryKey: officesKey, queryFn: () => api.get('/api/offices', z.array(officeView)) });

export const useAgency = () => useQuery({ queryKey: ['agency'], queryFn: () => api.get('/api/agency', agencyView), staleTime: Infinity });
