import { useState, type FormEvent } from 'react';
import { ApiError } from '../lib/api-client';
import { useI18n } from '../i18n';
import { Alert } from './Alert';
import { TextField } from './fields';

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

export interface PoliceCall {
  calledAt: string;
  officerName: string;
  badgeNumber?: string;
  policeCaseNumber?: string;
}

export interface PoliceCallStrings {
  heading: string;
  calledAt: string;
  officer: string;
  badge: string;
  caseNumber: string;
  submit: string;
}

/**
 * CL-4, OG-2: the record of the immediate phone call to local police, for a referral or an open
 * case. Field ids are `<idPrefix>-<field>`, so a field the server names takes the focus and shows
 * its message. `clearAfter`: empty the officer's fields once recorded (a case may record again).
 */
export function PoliceCallForm({
  idPrefix,
  strings: p,
  record,
  pending,
  clearAfter = false,
}: {
  idPrefix: string;
  strings: PoliceCallStrings;
  record: (call: PoliceCall) => Promise<unknown>;
  pending: boolean;
  clearAfter?: boolean;
}) {
  const { t } = useI18n();
  const [calledAt, setCalledAt] = useState(localNow);
  const [officerName, setOfficerName] = useState('');
  const [badgeNumber, setBadgeNumber] = useState('');
  const [policeCaseNumber, setPoliceCaseNumber] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const id = (field: string) => `${idPrefix}-${field}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      await record({
        calledAt: toIso(calledAt),
        officerName,
        ...(badgeNumber.trim() ? { badgeNumber } : {}),
        ...(policeCaseNumber.trim() ? { policeCaseNumber } : {}),
      });
      setErrors(new Map());
      if (clearAfter) {
        setOfficerName('');
        setBadgeNumber('');
        setPoliceCaseNumber('');
      }
    } catch (err) {
      const fields = new Map<string, string>(err instanceof ApiError ? err.fields.map((f) => [id(f.field), f.message] as const) : []);
      setErrors(fields);
      setMessage(fields.size > 0 ? null : err instanceof ApiError ? err.message : t.common.network);
      const first = [...fields.keys()][0];
      if (first) document.getElementById(first)?.focus();
    }
  }

  return (
    <form className="usa-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={id('heading')}>
      <h3 id={id('heading')}>{p.heading}</h3>
      {message ? <Alert kind="error">{message}</Alert> : null}
      <TextField id={id('calledAt')} type="datetime-local" label={p.calledAt} required value={calledAt} onChange={(e) => setCalledAt(e.target.value)} error={errors.get(id('calledAt'))} />
      <TextField id={id('officerName')} label={p.officer} required autoComplete="off" value={officerName} onChange={(e) => setOfficerName(e.target.value)} error={errors.get(id('officerName'))} />
      <TextField id={id('badgeNumber')} label={p.badge} autoComplete="off" value={badgeNumber} onChange={(e) => setBadgeNumber(e.target.value)} error={errors.get(id('badgeNumber'))} />
      <TextField id={id('policeCaseNumber')} label={p.caseNumber} autoComplete="off" value={policeCaseNumber} onChange={(e) => setPoliceCaseNumber(e.target.value)} error={errors.get(id('policeCaseNumber'))} />
      <button type="submit" className="usa-button margin-top-2" disabled={pending}>
        {p.submit}
      </button>
    </form>
  );
}
