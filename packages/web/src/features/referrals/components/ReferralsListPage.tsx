import { referralStatuses, type ReferralStatus } from '@harbor/policy';
import { referralSummaryPage, type ReferralSummaryView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { DataTable, type Column } from '../../../components/DataTable';
import { SelectField } from '../../../components/fields';
import { useSignedIn } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { usePagedList, wholeList, type PagedList } from '../../../lib/paged-list';
import { useI18n } from '../../../i18n';
import { referralsDefaultSort } from '../api';
import { HtFlags } from './HtFlags';

const statusOf = (value: string | null): ReferralStatus | '' => ((referralStatuses as readonly string[]).includes(value ?? '') ? (value as ReferralStatus) : '');

/** A draft opens in its form; anything submitted on its own page. */
export const referralHref = (r: Pick<ReferralSummaryView, 'id' | 'status'>): string => (r.status === 'draft' ? `/referrals/${r.id}/edit` : `/referrals/${r.id}`);

/** The sortable columns are the server's sort keys (updatedAt, submittedAt, createdAt); the others keep the order asked. */
function ReferralsTable({ list }: { list: PagedList<ReferralSummaryView> }) {
  const { t, lang } = useI18n();
  const c = t.referrals.columns;
  const columns: Column<ReferralSummaryView>[] = [
    {
      id: 'number',
      header: c.number,
      cell: (r) => (
        <Link to={referralHref(r)} className="usa-link">
          {r.number}
        </Link>
      ),
    },
    { id: 'status', header: c.status, cell: (r) => t.referrals.statuses[r.status] },
    { id: 'received', header: c.received, className: 'harbor-time', cell: (r) => (r.receivedAt ? formatDateTime(r.receivedAt, lang) : t.common.notRecorded) },
    { id: 'town', header: c.town, cell: (r) => r.townName ?? t.referrals.noTown },
    { id: 'ht', header: c.ht, cell: (r) => <HtFlags referral={r} none={t.common.no} /> },
    // A draft sorts among the submitted by when it was started (the server's order).
    { id: 'submitted', header: c.submitted, className: 'harbor-time', sort: { key: 'submittedAt' }, cell: (r) => (r.submittedAt ? formatDateTime(r.submittedAt, lang) : t.referrals.notSubmitted) },
    { id: 'updated', header: c.updated, className: 'harbor-time', sort: { key: 'updatedAt' }, cell: (r) => formatDateTime(r.updatedAt, lang) },
  ];
  return (
    <DataTable
      list={list}
      columns={columns}
      rowKey={(r) => r.id}
      caption={t.referrals.caption}
      count={(rows) => (wholeList(list) ? t.referrals.count(rows.length) : null)}
      empty={null}
    />
  );
}

/**
 * `/referrals`: the signed-in user's referrals, one server page at a time (issue 11), filtered by
 * status; the filter, the sort and the page are kept in the URL.
 */
export function ReferralsListPage() {
  const { t } = useI18n();
  const { can } = useSignedIn();
  const [params] = useSearchParams();
  const status = statusOf(params.get('status'));
  const [chosen, setChosen] = useState<ReferralStatus | ''>(status);
  const list = usePagedList('referrals', '/api/referrals', { status }, referralSummaryPage, { defaultSort: referralsDefaultSort });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    list.setFilters({ status: chosen });
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
