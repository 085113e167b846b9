import { Modal, ModalFooter, ModalHeading, type ModalRef } from '@trussworks/react-uswds';
import { useEffect, useRef, useState } from 'react';
import { keepAlive, signOut, useSession } from '../../../lib/auth';
import { useT } from '../../../i18n';
import { announcement, clock } from '../countdown';
import { useIdleChecks, useTimeLeft, warningMs } from '../idle';

/**
 * The idle lock's warning (STYLE.md): a dialog two minutes before the lock with a live
 * countdown, "Stay signed in" and "Sign out". Every tab shows it; acting in one tab closes it in
 * the others (the session module tells them).
 */
export function IdleLock() {
  const t = useT();
  const { expiresAtLocal, idleTimeoutSeconds } = useSession();
  const left = useTimeLeft(expiresAtLocal);
  useIdleChecks(expiresAtLocal);
  const open = left !== null && left <= warningMs;
  const ref = useRef<ModalRef>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const modal = ref.current;
    if (modal && modal.modalIsOpen !== open) modal.toggleModal(undefined, open);
  }, [open]);

  const act = (work: () => Promise<unknown>) => {
    setBusy(true);
    void work()
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };

  const said = left === null ? null : announcement(left);
  const spoken = said === null ? '' : 'minutes' in said ? t.session.minutes(said.minutes) : t.idle.seconds(said.seconds);
  const duration = t.session.minutes(Math.max(1, Math.round(idleTimeoutSeconds / 60)));

  return (
    <Modal ref={ref} id="idle-warning" forceAction aria-labelledby="idle-warning-heading" aria-describedby="idle-warning-body">
      <ModalHeading id="idle-warning-heading">{t.idle.heading}</ModalHeading>
      <div className="usa-prose">
        <p id="idle-warning-body">{t.idle.body(duration)}</p>
        <p className="harbor-countdown">
          {t.idle.countdown} <span className="harbor-countdown__clock">{left === null ? '' : clock(left)}</span>
        </p>
        <p className="usa-sr-only" aria-live="polite" aria-atomic="true">
          {open ? t.idle.announce(spoken) : ''}
        </p>
      </div>
      <ModalFooter>
        <ul className="usa-button-group">
          <li className="usa-button-group__item">
            <button type="button" className="usa-button" data-focus disabled={busy} onClick={() => act(keepAlive)}>
              {t.idle.stay}
            </button>
          </li>
          <li className="usa-button-group__item">
            <button type="button" className="usa-button usa-button--outline" disabled={busy} onClick={() => act(signOut)}>
              {t.idle.signOut}
            </button>
          </li>
        </ul>
      </ModalFooter>
    </Modal>
  );
}
