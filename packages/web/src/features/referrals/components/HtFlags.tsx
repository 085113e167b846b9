import type { ReferralSummaryView } from '@harbor/policy/api';
import { useT } from '../../../i18n';

/** CL-1 and CL-5: "HT characteristics" and "HT evident" as tags, or `none`. */
export function HtFlags({ referral, none }: { referral: Pick<ReferralSummaryView, 'htCharacteristics' | 'htEvident'>; none: string }) {
  const t = useT();
  if (!referral.htCharacteristics && !referral.htEvident) return <>{none}</>;
  return (
    <>
      {referral.htCharacteristics ? <span className="usa-tag bg-secondary-dark margin-right-1">{t.referrals.htFlag}</span> : null}
      {referral.htEvident ? <span className="usa-tag bg-secondary-darker">{t.referrals.htEvident}</span> : null}
    </>
  );
}
