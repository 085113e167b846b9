import { Modal, ModalFooter, ModalHeading, type ModalRef } from '@trussworks/react-uswds';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A USWDS modal dialog asking to confirm a consequential action, open while `open` is true.
 * The parent owns the state (forceAction: the modal never closes itself); Escape cancels.
 */
export function ConfirmDialog(props: {
  id: string;
  open: boolean;
  heading: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { id, open, heading, children, confirmLabel, cancelLabel, danger, busy, onConfirm, onCancel } = props;
  const ref = useRef<ModalRef>(null);
  useEffect(() => {
    const modal = ref.current;
    if (modal && modal.modalIsOpen !== open) modal.toggleModal(undefined, open);
  }, [open]);
  return (
    <Modal ref={ref} id={id} forceAction aria-labelledby={`${id}-heading`} aria-describedby={`${id}-description`} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <ModalHeading id={`${id}-heading`}>{heading}</ModalHeading>
      <div className="usa-prose" id={`${id}-description`}>
        {children}
      </div>
      <ModalFooter>
        <ul className="usa-button-group">
          <li className="usa-button-group__item">
            <button type="button" className={`usa-button${danger ? ' usa-button--secondary' : ''}`} onClick={onConfirm} disabled={busy} data-focus>
              {confirmLabel}
            </button>
          </li>
          <li className="usa-button-group__item">
            <button type="button" className="usa-button usa-button--unstyled padding-105 text-center" onClick={onCancel}>
              {cancelLabel}
            </button>
          </li>
        </ul>
      </ModalFooter>
    </Modal>
  );
}
