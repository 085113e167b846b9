import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { TextField } from '../../../components/fields';
import { ApiError } from '../../../lib/api-client';
import { useI18n } from '../../../i18n';
import { useRecordCasePhoneNotice } from '../api';

/** The local date and time now, as a datetime-local input shows it. */
const localNow = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};
const toIso = (value: string): string => {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
};

/** OG-2: the ongoing worker records the immediate phone call to local police (closes the duty). */
export function CasePhoneNoticeForm({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const p = t.casework.page.phone;
  const record = useRecordCasePhoneNotice(caseId);
  const [calledAt, setCalledAt] = useState(localNow);
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
        calledAt: toIso(calledAt),
        officerName,
        ...(badgeNumber.trim() ? { badgeNumber } : {}),
        ...(policeCaseNumber.trim() ? { policeCaseNumber } : {}),
      });
      setErrors(new Map());
      setOfficerName('');
      setBadgeNumber('');
      setPoliceCaseNumber('');
    } catch (err) {
      const fields = new Map<string, string>(err instanceof ApiError ? err.fields.map((f) => [`case-phone-${f.field}`, f.message] as const) : []);
      setErrors(fields);
      setMessage(fields.size > 0 ? null : err instanceof ApiError ? err.message : t.common.network);
      const first = [...fields.keys()][0];
      if (first) document.getElementById(first)?.focus();
    }
  }

  return (
    <form className="usa-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="case-phone-heading">
      <h3 id="case-phone-heading">{p.heading}</h3>
      {message ? <Alert kind="error">{message}</Alert> : null}
      <TextField id="case-phone-calledAt" type="datetime-local" label={p.calledAt} required value={calledAt} onChange={(e) => setCalledAt(e.target.value)} error={errors.get('case-phone-calledAt')} />
      <TextField id="case-phone-officerName" label={p.officer} required autoComplete="off" value={officerName} onChange={(e) => setOfficerName(e.target.value)} error={errors.get('case-phone-officerName')} />
      <TextField id="case-phone-badgeNumber" label={p.badge} autoComplete="off" value={badgeNumber} onChange={(e) => setBadgeNumber(e.target.value)} error={errors.get('case-phone-badgeNumber')} />
      <TextField id="case-phone-policeCaseNumber" label={p.caseNumber} autoComplete="off" value={policeCaseNumber} onChange={(e) => setPoliceCaseNumber(e.target.value)} error={errors.get('case-phone-policeCaseNumber')} />
      <button type="submit" className="usa-button margin-top-2" disabled={record.isPending}>
        {p.submit}
      </button>
    </form>
  );
}
