import { Alert } from '../../../components/Alert';
import { useEndReason, useSession } from '../../../lib/auth';
import { useT } from '../../../i18n';

/** Why the last session ended ("You were signed out after 30 minutes without activity"). */
export function EndedNotice() {
  const t = useT();
  const session = useSession();
  const reason = useEndReason() ?? session.endedReason;
  if (!reason) return null;
  const minutes = Math.max(1, Math.round(session.idleTimeoutSeconds / 60));
  const text =
    reason === 'idle'
      ? t.session.endedIdle(t.session.minutes(minutes))
      : reason === 'expired'
        ? t.session.endedExpired
        : reason === 'signed_out'
          ? t.session.endedSignedOut
          : t.session.endedOther;
  return (
    <Alert kind={reason === 'signed_out' ? 'info' : 'warning'} heading={t.session.endedHeading}>
      {text}
    </Alert>
  );
}
