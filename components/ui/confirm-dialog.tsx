"use client";
// The Cancel + confirm button row of every dialog, and a ready confirm dialog for
// destructive one-click actions (remove, revoke). Cancel takes the first focus so a
// stray Enter never confirms; a field marked data-autofocus earlier in the dialog wins.
import type { ReactNode } from "react";
import { Dialog } from "../dialog";
import { buttonDanger, buttonSecondary } from "../styles";

export function DialogActions({
  onCancel,
  confirmLabel,
  onConfirm,
  submit = false,
  busy = false,
  confirmDisabled = false,
}: {
  onCancel: () => void;
  confirmLabel: string;
  onConfirm?: () => void;
  /** The confirm button submits the dialog's form instead of calling onConfirm. */
  submit?: boolean;
  busy?: boolean;
  confirmDisabled?: boolean;
}) {
  return (
    <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
      <button type="button" className={buttonSecondary} onClick={onCancel} disabled={busy} data-autofocus>
        Cancel
      </button>
      <button type={submit ? "submit" : "button"} className={buttonDanger} onClick={onConfirm} disabled={busy || confirmDisabled}>
        {confirmLabel}
      </button>
    </div>
  );
}

/** Asks before a destructive action on `target`; closes as the action starts (its result shows on the page). */
export function ConfirmDialog<Target>({
  target,
  onClose,
  onConfirm,
  title,
  description,
  confirmLabel,
}: {
  target: Target | null;
  onClose: () => void;
  onConfirm: (target: Target) => void;
  title: string;
  description: (target: Target) => ReactNode;
  confirmLabel: string;
}) {
  return (
    <Dialog open={target !== null} onClose={onClose} title={title} description={target === null ? null : description(target)}>
      <DialogActions
        onCancel={onClose}
        confirmLabel={confirmLabel}
        onConfirm={() => {
          if (target !== null) onConfirm(target);
          onClose();
        }}
      />
    </Dialog>
  );
}
