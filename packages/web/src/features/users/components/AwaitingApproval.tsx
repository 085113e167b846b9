import { Link } from 'react-router';
import { Alert } from '../../../components/Alert';
import { useT } from '../../../i18n';

/** CF-1: the change was kept for a second administrator; nothing changed yet. */
export function AwaitingApproval() {
  const t = useT();
  return (
    <Alert kind="info">
      {t.pendingChanges.awaiting}{' '}
      <Link to="/pending-changes" className="usa-link">
        {t.pendingChanges.showLink}
      </Link>
    </Alert>
  );
}
