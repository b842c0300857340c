"use client";
// "Dismiss anomaly" for admins: optional reason (≤ 1,000 characters, counted as n/1000),
// confirm/cancel; the page updates optimistically and rolls back with an inline error
// if the server refuses.
import { useState, type FormEvent } from "react";
import { useDismissAnomaly } from "@/lib/client/anomaly-actions";
import { errorMessage } from "@/lib/client/api";
import { Dialog } from "./dialog";
import { InlineError } from "./feedback";
import { formatAmount, formatDay } from "./format";
import { DialogActions } from "./ui/confirm-dialog";
import type { HistoryEntryJson } from "@/lib/anomalies/history-json";
import { AnomalyHistoryList } from "./anomaly-feedback";
import { SuppressFields, useSuppressChoice } from "./suppress-fields";
import { DismissReasonField, reasonTooLong } from "./dismiss-reason-field";

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
  const tooLong = reasonTooLong(reason);
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
        <DismissReasonField reason={reason} onChange={setReason} placeholder="e.g. Planned load test" />
        <SuppressFields choice={suppress} />
        {dismiss.isError ? <InlineError>{errorMessage(dismiss.error)}</InlineError> : null}
        <DialogActions onCancel={close} busy={dismiss.isPending} submit confirmDisabled={tooLong || suppress.invalid} confirmLabel={dismiss.isPending ? "Dismissing…" : "Confirm dismiss"} />
      </form>
    </Dialog>
  );
}
