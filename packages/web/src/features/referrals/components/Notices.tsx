import { DataTable } from '../../../components/DataTable';
import type { ReferralNoticeView, ReferralView } from '@harbor/policy/api';
import { PoliceCallForm } from '../../../components/PoliceCallForm';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useRecordPhoneNotice } from '../api';

/** A notice's status in plain words (CL-4): nothing claims a delivery that did not happen. */
function NoticeStatus({ notice }: { notice: ReferralNoticeView }) {
  const { t, lang } = useI18n();
  const words = t.referrals.noticeStatus[notice.status] ?? notice.status;
  return (
    <>
      {words}
      {notice.phoneCall ? (
        <span className="display-block">{t.referrals.phoneRecorded(notice.phoneCall.officerName, formatDateTime(notice.phoneCall.calledAt, lang))}</span>
      ) : null}
    </>
  );
}

export function NoticesTable({ notices }: { notices: ReferralNoticeView[] }) {
  const { t } = useI18n();
  const c = t.referrals.noticeColumns;
  return (
    <DataTable
      rows={notices}
      columns={[
        {
          id: 'partner',
          header: c.partner,
          cell: (n) => (
            <>
              {n.partnerName}
              <span className="display-block text-normal font-body-3xs text-base-dark">{t.referrals.parties[n.party]}</span>
            </>
          ),
        },
        {
          id: 'means',
          header: c.means,
          cell: (n) => (
            <>
              {t.referrals.means[n.means]}
              {n.key.endsWith('.accepted') ? <span className="display-block font-body-3xs">{t.referrals.onAcceptance}</span> : null}
              {n.immediate ? <span className="usa-tag display-inline-block margin-top-05">{t.referrals.immediate}</span> : null}
            </>
          ),
        },
        { id: 'status', header: c.status, cell: (n) => <NoticeStatus notice={n} /> },
      ]}
      rowKey={(n) => n.id}
      rowData={(n) => ({ 'data-notice': n.key })}
      tableClassName="harbor-notices"
      caption={t.referrals.noticesCaption}
      empty={null}
    />
  );
}

/** CL-4: the worker records the immediate phone call to local police. */
export function PhoneNoticeForm({ referral }: { referral: ReferralView }) {
  const { t } = useI18n();
  const record = useRecordPhoneNotice(referral.id);
  return <PoliceCallForm idPrefix="phone" strings={t.referrals.phone} record={(call) => record.mutateAsync(call)} pending={record.isPending} />;
}
