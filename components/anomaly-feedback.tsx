"use client";
// Issue 13: an anomaly's history (oldest first) and, for admins, the feedback buttons
// (accurate / not accurate / planned) and "Reopen" for a dismissed anomaly. Used on the
// anomaly page and, for the history, in the dismiss dialog.
import type { HistoryEntryJson } from "@/lib/anomalies/history-json";
import { useAnomalyFeedback, useReopenAnomaly } from "@/lib/client/anomaly-feedback";
import { errorMessage } from "@/lib/client/api";
import type { AnomalyFeedback, AnomalyStatus } from "@/lib/vocabulary";
import { InlineError } from "./feedback";
import { formatDateTime } from "./format";
import { buttonSecondary, buttonSmall } from "./styles";
import { Card } from "./ui/card";

const FEEDBACK_LABELS: Record<AnomalyFeedback, string> = { accurate: "Accurate", not_accurate: "Not accurate", planned: "Planned activity" };

function describe(entry: HistoryEntryJson): string {
  if (entry.action === "feedback" && entry.feedback) return `Feedback: ${FEEDBACK_LABELS[entry.feedback].toLowerCase()}`;
  if (entry.action === "escalated" && typeof entry.details.from === "string" && typeof entry.details.to === "string") return `Escalated from ${entry.details.from} to ${entry.details.to}`;
  return entry.action.charAt(0).toUpperCase() + entry.action.slice(1);
}

export function AnomalyHistoryList({ history }: { history: HistoryEntryJson[] }) {
  if (history.length === 0) return <p className="text-sm text-slate-600">Nothing recorded yet.</p>;
  return (
    <ol className="space-y-2 text-sm" data-testid="anomaly-history">
      {history.map((entry, i) => (
        <li key={`${entry.at}-${i}`} className="border-l-2 border-slate-200 pl-3" data-testid="history-entry" data-action={entry.action}>
          <p className="font-medium">{describe(entry)}</p>
          <p className="text-xs text-slate-600">
            {formatDateTime(entry.at)} · {entry.by}
          </p>
          {entry.reason ? <p className="mt-0.5 whitespace-pre-wrap break-words text-slate-700">{entry.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}

interface FeedbackTarget {
  id: number;
  status: AnomalyStatus;
  feedback: AnomalyFeedback | null;
  history: HistoryEntryJson[];
}

/** The history card of the anomaly page, with the feedback and reopen actions for admins. */
export function AnomalyFeedbackCard({ anomaly, canAct }: { anomaly: FeedbackTarget; canAct: boolean }) {
  const feedback = useAnomalyFeedback();
  const reopen = useReopenAnomaly();
  const busy = feedback.isPending || reopen.isPending;
  const actions = canAct ? (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Feedback">
      {(Object.keys(FEEDBACK_LABELS) as AnomalyFeedback[]).map((value) => (
        <button
          key={value}
          type="button"
          className={buttonSmall}
          aria-pressed={anomaly.feedback === value}
          disabled={busy}
          onClick={() => feedback.mutate({ id: anomaly.id, feedback: value })}
          data-testid={`feedback-${value}`}
        >
          {FEEDBACK_LABELS[value]}
        </button>
      ))}
      {anomaly.status === "dismissed" ? (
        <button type="button" className={buttonSecondary} disabled={busy} onClick={() => reopen.mutate(anomaly.id)} data-testid="reopen">
          Reopen
        </button>
      ) : null}
    </div>
  ) : null;
  const error = feedback.error ?? reopen.error;
  return (
    <Card headingId="history-heading" title="History" actions={actions}>
      {anomaly.feedback ? (
        <p className="mb-3 text-sm" data-testid="current-feedback">
          Latest feedback: <strong>{FEEDBACK_LABELS[anomaly.feedback]}</strong>
        </p>
      ) : null}
      {error ? <InlineError>{errorMessage(error)}</InlineError> : null}
      <AnomalyHistoryList history={anomaly.history} />
    </Card>
  );
}
