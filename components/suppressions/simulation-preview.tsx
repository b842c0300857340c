"use client";
// Settings: try detection and alert settings on the stored data before saving them —
// "this change would have sent N alerts in the last 90 days (today: M)".
import { useState, type FormEvent } from "react";
import { useSimulation, type SimulationInput } from "@/lib/client/suppressions";
import { errorMessage } from "@/lib/client/api";
import { InlineError } from "../feedback";
import { buttonPrimary } from "../styles";
import { Card } from "../ui/card";
import { TextField } from "../ui/field";

interface Draft {
  sensitivity: string;
  cost_floor: string;
  min_impact: string;
  min_impact_percent: string;
}

const EMPTY: Draft = { sensitivity: "", cost_floor: "", min_impact: "", min_impact_percent: "" };

/** Blank fields keep today's setting; anything else must be a number. */
function toInput(draft: Draft): SimulationInput | null {
  const input: SimulationInput = { days: 90 };
  for (const field of Object.keys(EMPTY) as Array<keyof Draft>) {
    const text = draft[field].trim();
    if (!text) continue;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) return null;
    input[field] = n;
  }
  return input;
}

export function SimulationPreview() {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const simulation = useSimulation();
  const input = toInput(draft);
  const set = (field: keyof Draft) => (event: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [field]: event.target.value }));
    simulation.reset();
  };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (input) simulation.mutate(input);
  }

  const result = simulation.data;
  return (
    <Card headingId="simulation-heading" title="Try settings before saving">
      <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-4">
        <TextField label="Sensitivity (0–1)" optional inputMode="decimal" value={draft.sensitivity} onChange={set("sensitivity")} placeholder="today's" />
        <TextField label="Cost floor ($)" optional inputMode="decimal" value={draft.cost_floor} onChange={set("cost_floor")} placeholder="today's" />
        <TextField label="Minimum impact ($)" optional inputMode="decimal" value={draft.min_impact} onChange={set("min_impact")} placeholder="per destination" />
        <TextField label="Minimum deviation (%)" optional inputMode="decimal" value={draft.min_impact_percent} onChange={set("min_impact_percent")} placeholder="none" />
        <div className="sm:col-span-4 flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonPrimary} disabled={!input || simulation.isPending}>
            {simulation.isPending ? "Replaying 90 days…" : "Preview alerts"}
          </button>
          {!input ? <span className="text-sm font-medium text-red-700">Use numbers of 0 or more.</span> : null}
          {result ? (
            <p className="text-sm" data-testid="simulation-line" aria-live="polite">
              This change would have sent <strong>{result.alerts}</strong> alert{result.alerts === 1 ? "" : "s"} in the last {result.days} days (today:{" "}
              {result.current.alerts}).
            </p>
          ) : null}
        </div>
      </form>
      {simulation.isError ? <InlineError>{errorMessage(simulation.error)}</InlineError> : null}
    </Card>
  );
}
