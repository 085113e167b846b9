import { referralStatuses, type ReferralStatus } from '@harbor/policy';
import type { ReferralSummaryView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { allRows, DataTable, type Column, type ListSource } from '../../../components/DataTable';
import { SelectField } from '../../../components/fields';
import { useSignedIn } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useReferrals } from '../api';
import { HtFlags } from './HtFlags';

const statusOf = (value: string | null): ReferralStatus | '' => ((referralStatuses as readonly string[]).includes(value ?? '') ? (value as ReferralStatus) : '');

/** A draft opens in its form; anything submitted on its own page. */
export const referralHref = (r: Pick<ReferralSummaryView, 'id' | 'status'>): string => (r.status === 'draft' ? `/referrals/${r.id}/edit` : `/referrals/${r.id}`);

function ReferralsTable({ list }: { list: ListSource<ReferralSummaryView> }) {
  const { t, lang } = useI18n();
  const c = t.referrals.columns;
  const columns: Column<ReferralSummaryView>[] = [
    {
      id: 'number',
      header: c.number,
      sort: { value: (r) => r.number },
      cell: (r) => (
        <Link to={referralHref(r)} className="usa-link">
          {r.number}
        </Link>
      ),
    },
    { id: 'status', header: c.status, sort: { value: (r) => t.referrals.statuses[r.status] }, cell: (r) => t.referrals.statuses[r.status] },
    { id: 'received', header: c.received, sort: { value: (r) => r.receivedAt }, cell: (r) => (r.receivedAt ? formatDateTime(r.receivedAt, lang) : t.common.notRecorded) },
    { id: 'town', header: c.town, sort: { value: (r) => r.townName }, cell: (r) => r.townName ?? t.referrals.noTown },
    { id: 'ht', header: c.ht, cell: (r) => <HtFlags referral={r} none={t.common.no} /> },
  ];
  return <DataTable list={list} columns={columns} rowKey={(r) => r.id} caption={t.referrals.caption} count={(rows) => t.referrals.count(rows.length)} empty={null} />;
}

/** `/referrals`: the signed-in user's referrals, filtered by status (kept in the URL). */
export function ReferralsListPage() {
  const { t } = useI18n();
  const { can } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const status = statusOf(params.get('status'));
  const [chosen, setChosen] = useState<ReferralStatus | ''>(status);
  const list = allRows(useReferrals(status));
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
      <ReferralsTable list={list} />
    </>
  );
}
