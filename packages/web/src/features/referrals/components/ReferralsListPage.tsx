import { referralStatuses, type ReferralStatus } from '@harbor/policy';
import type { ReferralSummaryView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { SelectField } from '../../../components/fields';
import { useSignedIn } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useReferrals } from '../api';
import { HtFlags } from './HtFlags';

const statusOf = (value: string | null): ReferralStatus | '' => ((referralStatuses as readonly string[]).includes(value ?? '') ? (value as ReferralStatus) : '');

/** A draft opens in its form; anything submitted on its own page. */
export const referralHref = (r: Pick<ReferralSummaryView, 'id' | 'status'>): string => (r.status === 'draft' ? `/referrals/${r.id}/edit` : `/referrals/${r.id}`);

function ReferralsTable({ referrals }: { referrals: ReferralSummaryView[] }) {
  const { t, lang } = useI18n();
  const c = t.referrals.columns;
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="referrals-caption">
      <table className="usa-table usa-table--striped harbor-table">
        <caption id="referrals-caption">{t.referrals.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.number}</th>
            <th scope="col">{c.status}</th>
            <th scope="col">{c.received}</th>
            <th scope="col">{c.town}</th>
            <th scope="col">{c.ht}</th>
          </tr>
        </thead>
        <tbody>
          {referrals.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={referralHref(r)} className="usa-link">
                  {r.number}
                </Link>
              </th>
              <td>{t.referrals.statuses[r.status]}</td>
              <td>{r.receivedAt ? formatDateTime(r.receivedAt, lang) : t.common.notRecorded}</td>
              <td>{r.townName ?? t.referrals.noTown}</td>
              <td>
                <HtFlags referral={r} none={t.common.no} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `/referrals`: the signed-in user's referrals, filtered by status (kept in the URL). */
export function ReferralsListPage() {
  const { t } = useI18n();
  const { can } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const status = statusOf(params.get('status'));
  const [chosen, setChosen] = useState<ReferralStatus | ''>(status);
  const query = useReferrals(status);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(chosen ? { status: chosen } : {});
  };
  return (
    <>
      <PageHeading>{t.referrals.heading}</PageHeading>
      <div className="harbor-page-intro">
        <p className="usa-intro">{t.referrals.intro}</p>
        {can('referral.write') ? <LinkButton to="/referrals/new">{t.referrals.create}</LinkButton> : null}
      </div>
      <form className="usa-form harbor-filters" onSubmit={apply} aria-label={t.referrals.filtersLegend}>
        <SelectField id="status" label={t.referrals.statusFilter} value={chosen} onChange={(e) => setChosen(statusOf(e.target.value))}>
          <option value="">{t.common.any}</option>
          {referralStatuses.map((s) => (
            <option key={s} value={s}>
              {t.referrals.statuses[s]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="usa-button usa-button--outline margin-top-1">
          {t.referrals.apply}
        </button>
      </form>
      <QueryState query={query}>
        {(referrals) => (
          <>
            <ResultCount text={t.referrals.count(referrals.length)} />
            {referrals.length > 0 ? <ReferralsTable referrals={referrals} /> : null}
          </>
        )}
      </QueryState>
    </>
  );
}
