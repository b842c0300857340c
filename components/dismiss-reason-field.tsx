// The dismiss dialogs' reason box with its live length counter (cloud and web anomalies).
import { useId } from "react";
import { MAX_REASON } from "./dismiss-reason";
import { inputClass } from "./styles";
import { FormField } from "./ui/field";

export const reasonTooLong = (reason: string) => reason.length > MAX_REASON;

export function DismissReasonField({ reason, onChange, placeholder }: { reason: string; onChange: (reason: string) => void; placeholder: string }) {
  const counterId = useId();
  const tooLong = reasonTooLong(reason);
  return (
    <FormField label="Reason" optional>
      {(reasonId) => (
        <>
          <textarea
            id={reasonId}
            data-autofocus
            rows={4}
            value={reason}
            onChange={(event) => onChange(event.target.value)}
            aria-describedby={counterId}
            aria-invalid={tooLong || undefined}
            placeholder={placeholder}
            className={inputClass}
          />
          <p id={counterId} className={`mt-1 text-right text-xs ${tooLong ? "font-medium text-red-700" : "text-slate-600"}`} aria-live="polite">
            {reason.length}/{MAX_REASON}
            {tooLong ? " — too long" : ""}
          </p>
        </>
      )}
    </FormField>
  );
}
