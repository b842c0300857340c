"use client";
// "Dismiss anomaly" for admins: optional reason (≤ 1,000 characters, counted as n/1000),
// confirm/cancel; the page updates optimistically and rolls back with an inline error
// if the server refuses.
import { useId, useState, type FormEvent } from "react";
import { useDismissAnomaly } from "@/lib/client/anomaly-actions";
import { errorMessage } from "@/lib/client/api";
import { Dialog } from "./dialog";
import { InlineError } from "./feedback";
import { formatAmount, formatDay } from "./format";
import { inputClass } from "./styles";
import { DialogActions } from "./ui/confirm-dialog";
import { FormField } from "./ui/field";
import type { HistoryEntryJson } from "@/lib/anomalies/history-json";
import { AnomalyHistoryList } from "./anomaly-feedback";
import { SuppressFields, useSuppressChoice } from "./suppress-fields";
import { MAX_REASON } from "./dismiss-reason";

export interface DismissTarget {
  id: number;
  date: string;
  type: string;
  actual_amount: number;
  /** Issue 13: shown in the dialog when the target is a detail (the list has none). */
  history?: HistoryEntryJson[];
}

export function DismissDialog({ target, actor, onClose }: { target: DismissTarget | null; actor: string; onClose: () => void }) {
  const [reason, setReason] = useState("");
  const dismiss = useDismissAnomaly();
  const counterId = useId();
  const tooLong = reason.length > MAX_REASON;
  const suppress = useSuppressChoice();

  function close() {
    setReason("");
    suppress.reset();
    dismiss.reset();
    onClose();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!target || tooLong || suppress.invalid) return;
    dismiss.mutate({ id: target.id, reason, actor, suppress: suppress.value }, { onSuccess: close });
  }

  return (
    <Dialog
      open={target !== null}
      onClose={close}
      busy={dismiss.isPending}
      title="Dismiss anomaly"
      description={
        target ? (
          <>
            {target.type} anomaly on {formatDay(target.date)} ({formatAmount(target.actual_amount, target.type)}). Dismissed anomalies stay visible
            with the status filter.
          </>
        ) : null
      }
    >
      {target?.history?.length ? <details className="mb-3 text-sm"><summary className="cursor-pointer font-medium">History ({target.history.length})</summary><div className="mt-2"><AnomalyHistoryList history={target.history} /></div></details> : null}
      <form onSubmit={onSubmit} className="space-y-3">
        <FormField label="Reason" optional>
          {(reasonId) => (
            <>
              <textarea
                id={reasonId}
                data-autofocus
                rows={4}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                aria-describedby={counterId}
                aria-invalid={tooLong || undefined}
                placeholder="e.g. Planned load test"
                className={inputClass}
              />
              <p id={counterId} className={`mt-1 text-right text-xs ${tooLong ? "font-medium text-red-700" : "text-slate-600"}`} aria-live="polite">
                {reason.length}/{MAX_REASON}
                {tooLong ? " — too long" : ""}
              </p>
            </>
          )}
        </FormField>
        <SuppressFields choice={suppress} />
        {dismiss.isError ? <InlineError>{errorMessage(dismiss.error)}</InlineError> : null}
        <DialogActions onCancel={close} busy={dismiss.isPending} submit confirmDisabled={tooLong || suppress.invalid} confirmLabel={dismiss.isPending ? "Dismissing…" : "Confirm dismiss"} />
      </form>
    </Dialog>
  );
}
