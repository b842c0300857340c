"use client";
// "Download CSV" for the cloud anomalies list: the API's own CSV for the filters on
// screen (so the file matches a shared link), with a busy state and an inline error.
import type { AnomalyFilters } from "@/lib/client/anomalies";
import { useDownloadAnomaliesCsv } from "@/lib/client/anomaly-actions";
import { errorMessage } from "@/lib/client/api";
import { InlineError } from "./feedback";
import { buttonSecondary } from "./styles";

export function DownloadAnomaliesCsvButton({ filters }: { filters: AnomalyFilters }) {
  const download = useDownloadAnomaliesCsv();
  return (
    <div className="flex flex-col items-end gap-2">
      <button
        type="button"
        className={buttonSecondary}
        onClick={() => download.mutate(filters)}
        disabled={download.isPending}
        aria-busy={download.isPending || undefined}
      >
        {download.isPending ? "Preparing CSV…" : "Download CSV"}
      </button>
      {download.isError ? (
        <div className="max-w-sm">
          <InlineError>Could not download the CSV: {errorMessage(download.error)}</InlineError>
        </div>
      ) : null}
    </div>
  );
}
