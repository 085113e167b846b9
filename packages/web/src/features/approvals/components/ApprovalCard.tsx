import { rejectBody, type ApprovalView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { TextAreaField } from '../../../components/fields';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useApprove, useReject } from '../api';

/** One change: what it changes, what reach it gives, who asked; approve (not one's own) or reject with a reason. */
export function ApprovalCard({ item, onDone }: { item: ApprovalView; onDone: (message: string) => void }) {
  const { t, lang } = useI18n();
  const a = t.pendingChanges;
  const approve = useApprove();
  const reject = useReject();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const headingId = `change-${item.id}`;
  const reasonId = `reason-${item.id}`;
  const fail = (err: unknown) => setError(err instanceof ApiError ? err.message : t.common.network);

  async function doApprove() {
    setError(null);
    try {
      await approve.mutateAsync(item.id);
      onDone(a.approved);
    } catch (err) {
      fail(err);
    } finally {
      setConfirming(false);
    }
  }

  async function doReject(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const parsed = rejectBody.safeParse({ reason });
    if (!parsed.success) {
      setReasonError(a.rejectError);
      document.getElementById(reasonId)?.focus();
      return;
    }
    setReasonError(undefined);
    try {
      await reject.mutateAsync({ id: item.id, body: parsed.data });
      onDone(a.rejectedDone);
    } catch (err) {
      fail(err);
    }
  }

  return (
    <section aria-labelledby={headingId} className="harbor-section">
      <h2 id={headingId}>
        {item.targetLabel}: {a.kinds[item.kind]}
      </h2>
      <p>{a.requested(item.requestedBy.displayName, formatDateTime(item.requestedAt, lang))}</p>
      {item.decidedBy && item.decidedAt ? <p>{a.decided(a.statuses[item.status], item.decidedBy.displayName, formatDateTime(item.decidedAt, lang))}</p> : null}
      {item.reason ? (
        <p>
          {a.reason}: {item.reason}
        </p>
      ) : null}
      <table className="usa-table usa-table--borderless">
        <caption className="usa-sr-only">{item.targetLabel}</caption>
        <thead>
          <tr>
            <th scope="col">{a.field}</th>
            <th scope="col">{a.from}</th>
            <th scope="col">{a.to}</th>
          </tr>
        </thead>
        <tbody>
          {item.changes.map((c) => (
            <tr key={c.field}>
              <th scope="row">{c.field}</th>
              <td>{c.from ?? a.none}</td>
              <td>{c.to ?? a.none}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {item.reachGained.length > 0 ? (
        <>
          <h3>{a.reach}</h3>
          <ul>
            {item.reachGained.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
      {item.status === 'pending' ? (
        <>
          {item.mine ? (
            <Alert kind="info">{a.yours}</Alert>
          ) : (
            <button type="button" className="usa-button" onClick={() => setConfirming(true)}>
              {a.approve}
            </button>
          )}
          <form className="usa-form usa-form--large" onSubmit={(e) => void doReject(e)} noValidate aria-labelledby={headingId}>
            <TextAreaField id={reasonId} label={a.rejectLabel} hint={a.rejectHint} required value={reason} onChange={(e) => setReason(e.target.value)} error={reasonError} rows={2} />
            <button type="submit" className="usa-button usa-button--secondary margin-top-2" disabled={reject.isPending}>
              {a.reject}
            </button>
          </form>
          <ConfirmDialog
            id={`confirm-${item.id}`}
            open={confirming}
            heading={a.approveConfirmHeading(item.targetLabel)}
            confirmLabel={a.approve}
            cancelLabel={t.common.cancel}
            busy={approve.isPending}
            onConfirm={() => void doApprove()}
            onCancel={() => setConfirming(false)}
          >
            <p>{a.approveConfirmBody}</p>
          </ConfirmDialog>
        </>
      ) : null}
    </section>
  );
}
