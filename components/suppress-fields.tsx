"use client";
// The dismiss dialog's optional "also suppress" part: a checkbox, how many days (1–365) and
// what counts as "the same" (this series, or this top service). Creates a suppression rule.
import { useId, useState } from "react";
import { inputClass, selectClass } from "./styles";

const MAX_SUPPRESS_DAYS = 365;

export interface SuppressChoice {
  enabled: boolean;
  days: string;
  scope: "series" | "service";
  setEnabled: (on: boolean) => void;
  setDays: (days: string) => void;
  setScope: (scope: "series" | "service") => void;
  reset: () => void;
  /** The request part, or undefined when not suppressing. */
  value: { days: number; scope: "series" | "service" } | undefined;
  invalid: boolean;
}

export function useSuppressChoice(): SuppressChoice {
  const [enabled, setEnabled] = useState(false);
  const [days, setDays] = useState("30");
  const [scope, setScope] = useState<"series" | "service">("series");
  const parsed = /^\d{1,3}$/.test(days.trim()) ? Number(days.trim()) : NaN;
  const invalid = enabled && !(parsed >= 1 && parsed <= MAX_SUPPRESS_DAYS);
  return {
    enabled,
    days,
    scope,
    setEnabled,
    setDays,
    setScope,
    reset: () => {
      setEnabled(false);
      setDays("30");
      setScope("series");
    },
    value: enabled && !invalid ? { days: parsed, scope } : undefined,
    invalid,
  };
}

export function SuppressFields({ choice }: { choice: SuppressChoice }) {
  const daysId = useId();
  const scopeId = useId();
  return (
    <fieldset className="space-y-2 rounded border border-slate-200 p-3">
      <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input type="checkbox" checked={choice.enabled} onChange={(event) => choice.setEnabled(event.target.checked)} />
        Also suppress similar anomalies
      </label>
      {choice.enabled ? (
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor={daysId} className="mb-1 block text-sm text-slate-700">
              For how many days
            </label>
            <input
              id={daysId}
              inputMode="numeric"
              value={choice.days}
              onChange={(event) => choice.setDays(event.target.value)}
              aria-invalid={choice.invalid || undefined}
              className={inputClass}
            />
            {choice.invalid ? <p className="mt-1 text-xs font-medium text-red-700">Between 1 and {MAX_SUPPRESS_DAYS} days</p> : null}
          </div>
          <div>
            <label htmlFor={scopeId} className="mb-1 block text-sm text-slate-700">
              Matching
            </label>
            <select
              id={scopeId}
              value={choice.scope}
              onChange={(event) => choice.setScope(event.target.value === "service" ? "service" : "series")}
              className={selectClass}
            >
              <option value="series">This provider and metric</option>
              <option value="service">This top service</option>
            </select>
          </div>
        </div>
      ) : null}
      <p className="text-xs text-slate-600">New anomalies it matches are recorded as dismissed and not alerted until the rule ends.</p>
    </fieldset>
  );
}
