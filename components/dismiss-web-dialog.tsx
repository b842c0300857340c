"use client";
// "Dismiss anomaly" on a web anomaly's page: an optional reason (≤ 1,000 characters), confirm or
// cancel. Closed on the page's first render (unless an alert's ?dismiss=1 link opened it), so it
// loads as its own chunk (components/lazy-dialogs.tsx).
import { useId, useState, type FormEvent } from "react";
import { Dialog } from "./dialog";
import { MAX_REASON } from "./dismiss-reason";
import { InlineError } from "./feedback";
import { inputClass } from "./styles";
import { DialogActions } from "./ui/confirm-dialog";
import { FormField } from "./ui/field";

export function DismissWebDialog({ open, onClose, onConfirm, busy, error }: { open: boolean; onClose: () => void; onConfirm: (reason: string) => void; busy: boolean; error: string | null }) {
  const [reason, setReason] = useState("");
  const counterId = useId();
  const tooLong = reason.length > MAX_REASON;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!tooLong) onConfirm(reason);
  }
  return (
    <Dialog open={open} onClose={onClose} busy={busy} title="Dismiss anomaly" description="Dismissed anomalies stay listed (marked dismissed) and can be reopened.">
      <form onSubmit={onSubmit} className="space-y-3">
        <FormField label="Reason" optional>
          {(reasonId) => (
            <>
              <textarea id={reasonId} data-autofocus rows={4} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={counterId} aria-invalid={tooLong || undefined} placeholder="e.g. Campaign launch" className={inputClass} />
              <p id={counterId} className={`mt-1 text-right text-xs ${tooLong ? "font-medium text-red-700" : "text-slate-600"}`} aria-live="polite">
                {reason.length}/{MAX_REASON}
                {tooLong ? " — too long" : ""}
              </p>
            </>
          )}
        </FormField>
        {error ? <InlineError>{error}</InlineError> : null}
        <DialogActions onCancel={onClose} busy={busy} submit confirmDisabled={tooLong} confirmLabel={busy ? "Dismissing…" : "Confirm dismiss"} />
      </form>
    </Dialog>
  );
}
