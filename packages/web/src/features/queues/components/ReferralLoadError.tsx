import { LoadError } from '../../../components/QueryState';
import { ApiError } from '../../../lib/api-client';
import { NotInReach } from './parts';

/** A referral out of reach answers 404: say so plainly; anything else can be retried. */
export function ReferralLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof ApiError && error.status === 404) return <NotInReach />;
  return <LoadError error={error} onRetry={onRetry} />;
}
