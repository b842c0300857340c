"use client";
// "Dismiss anomaly" on a web anomaly's page: an optional reason (≤ 1,000 characters), confirm or
// cancel. Closed on the page's first render (unless an alert's ?dismiss=1 link opened it), so it
// loads as its own chunk (components/lazy-dialogs.tsx).
import { useState, type FormEvent } from "react";
import { Dialog } from "./dialog";
import { DismissReasonField, reasonTooLong } from "./dismiss-reason-field";
import { InlineError } from "./feedback";
import { DialogActions } from "./ui/confirm-dialog";

export function DismissWebDialog({ open, onClose, onConfirm, busy, error }: { open: boolean; onClose: () => void; onConfirm: (reason: string) => void; busy: boolean; error: string | null }) {
  const [reason, setReason] = useState("");
  const tooLong = reasonTooLong(reason);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!tooLong) onConfirm(reason);
  }
  return (
    <Dialog open={open} onClose={onClose} busy={busy} title="Dismiss anomaly" description="Dismissed anomalies stay listed (marked dismissed) and can be reopened.">
      <form onSubmit={onSubmit} className="space-y-3">
        <DismissReasonField reason={reason} onChange={setReason} placeholder="e.g. Campaign launch" />
        {error ? <InlineError>{error}</InlineError> : null}
        <DialogActions onCancel={onClose} busy={busy} submit confirmDisabled={tooLong} confirmLabel={busy ? "Dismissing…" : "Confirm dismiss"} />
      </form>
    </Dialog>
  );
}
