import { useLocation } from 'react-router';
import { Alert } from '../../components/Alert';

/** A one-time confirmation handed over by the page that navigated here ("Password changed"). */
export function Flash() {
  const state = useLocation().state as { flash?: unknown } | null;
  const flash = typeof state?.flash === 'string' ? state.flash : null;
  return flash ? <Alert kind="success">{flash}</Alert> : null;
}
