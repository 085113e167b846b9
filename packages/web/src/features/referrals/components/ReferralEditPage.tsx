import { useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { BackLink, LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { useReferral } from '../api';
import { IntakeForm } from './IntakeForm';

/** `/referrals/:id/edit`: the intake form of a draft; a submitted referral is no longer edited. */
export function ReferralEditPage() {
  const t = useT();
  const id = useParams()['id'] ?? '';
  const query = useReferral(id);
  return (
    <QueryState query={query}>
      {(referral) =>
        referral.status === 'draft' ? (
          <IntakeForm key={referral.id} referral={referral} />
        ) : (
          <>
            <BackLink to="/referrals">{t.referrals.back}</BackLink>
            <PageHeading>{t.titles.referralEdit}</PageHeading>
            <Alert kind="info">{t.referrals.notDraft}</Alert>
            <LinkButton to={`/referrals/${referral.id}`}>{t.referrals.viewReferral}</LinkButton>
          </>
        )
      }
    </QueryState>
  );
}
