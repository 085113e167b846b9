import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { LoadError, Loading } from '../../../components/QueryState';
import { PageHeading } from '../../../components/PageHeading';
import { useT } from '../../../i18n';
import { createReferral } from '../api';

/**
 * `/referrals/new`: starts a draft at once (received now, channel not yet chosen) and replaces
 * the address with the draft's form, so Back does not start another.
 */
export function NewReferralPage() {
  const t = useT();
  const navigate = useNavigate();
  const started = useRef(false);
  const [error, setError] = useState<unknown>(null);
  const start = () => {
    started.current = true;
    setError(null);
    createReferral({ receivedAt: new Date().toISOString() })
      .then((referral) => navigate(`/referrals/${referral.id}/edit`, { replace: true }))
      .catch(setError);
  };
  useEffect(() => {
    // Once per visit, also under React's development double effects.
    if (!started.current) start();
  });
  return (
    <>
      <PageHeading>{t.titles.referralNew}</PageHeading>
      {error ? (
        <>
          <p>{t.referrals.createFailed}</p>
          <LoadError error={error} onRetry={start} />
        </>
      ) : (
        <Loading />
      )}
    </>
  );
}
