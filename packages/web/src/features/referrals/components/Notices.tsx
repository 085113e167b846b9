import { DataTable } from '../../../components/DataTable';
import type { ReferralNoticeView, ReferralView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { TextField } from '../../../components/fields';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useRecordPhoneNotice } from '../api';
import { errorsById, fromLocalInput, toLocalInput } from '../draft';

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
  const p = t.referrals.phone;
  const record = useRecordPhoneNotice(referral.id);
  const [calledAt, setCalledAt] = useState(() => toLocalInput(new Date().toISOString()));
  const [officerName, setOfficerName] = useState('');
  const [badgeNumber, setBadgeNumber] = useState('');
  const [policeCaseNumber, setPoliceCaseNumber] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [message, setMessage] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      await record.mutateAsync({
        calledAt: fromLocalInput(calledAt) ?? '',
        officerName,
        ...(badgeNumber.trim() ? { badgeNumber } : {}),
        ...(policeCaseNumber.trim() ? { policeCaseNumber } : {}),
      });
      setErrors(new Map());
    } catch (err) {
      const fields = err instanceof ApiError ? errorsById(err.fields.map((f) => ({ ...f, field: `phone.${f.field}` }))) : new Map<string, string>();
      setErrors(fields);
      setMessage(fields.size > 0 ? null : err instanceof ApiError ? err.message : t.common.network);
      const first = [...fields.keys()][0];
      if (first) document.getElementById(first)?.focus();
    }
  }

  return (
    <form className="usa-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="phone-heading">
      <h3 id="phone-heading">{p.heading}</h3>
      {message ? <Alert kind="error">{message}</Alert> : null}
      <TextField id="phone-calledAt" type="datetime-local" label={p.calledAt} required value={calledAt} onChange={(e) => setCalledAt(e.target.value)} error={errors.get('phone-calledAt')} />
      <TextField id="phone-officerName" label={p.officer} required autoComplete="off" value={officerName} onChange={(e) => setOfficerName(e.target.value)} error={errors.get('phone-officerName')} />
      <TextField id="phone-badgeNumber" label={p.badge} autoComplete="off" value={badgeNumber} onChange={(e) => setBadgeNumber(e.target.value)} error={errors.get('phone-badgeNumber')} />
      <TextField id="phone-policeCaseNumber" label={p.caseNumber} autoComplete="off" value={policeCaseNumber} onChange={(e) => setPoliceCaseNumber(e.target.value)} error={errors.get('phone-policeCaseNumber')} />
      <button type="submit" className="usa-button margin-top-2" disabled={record.isPending}>
        {p.submit}
      </button>
    </form>
  );
}
