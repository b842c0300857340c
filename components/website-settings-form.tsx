"use client";
// A website's detection settings (issue 15): time zone, severity thresholds (a default and
// per-metric overrides; an empty row inherits), watched metrics, the minimum traffic below
// which the site is not judged, and how segments are chosen. Admins edit; others read.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import type { WebsiteJson, WebsiteSettingsJson } from "@/lib/web/schemas";
import { WEB_METRIC_NAMES, type WebMetricName } from "@/lib/client/web-filters";
import { errorMessage } from "@/lib/client/api";
import { useUpdateWebsiteSettings, useWebsiteSettings } from "@/lib/client/website-settings";
import { InlineError } from "./feedback";
import { metricLabel } from "./format";
import { buttonPrimary, inputClass } from "./styles";
import { Card } from "./ui/card";
import { TextField } from "./ui/field";

type ThresholdKey = "default" | WebMetricName;
const LEVELS = ["info", "warning", "critical"] as const;
type Level = (typeof LEVELS)[number];
type ThresholdDraft = Record<ThresholdKey, Record<Level, string>>;
const THRESHOLD_KEYS: readonly ThresholdKey[] = ["default", ...WEB_METRIC_NAMES];

function thresholdDraft(settings: WebsiteSettingsJson): ThresholdDraft {
  const row = (key: ThresholdKey): Record<Level, string> => {
    const t = settings.thresholds[key];
    return { info: t ? String(t.info) : "", warning: t ? String(t.warning) : "", critical: t ? String(t.critical) : "" };
  };
  return {
    default: row("default"),
    visitors: row("visitors"),
    pageviews: row("pageviews"),
    bounce_rate: row("bounce_rate"),
    conversion_rate: row("conversion_rate"),
    error_rate: row("error_rate"),
    page_load_time: row("page_load_time"),
  };
}

/** Rows with any number become overrides (the server checks they are complete and ordered); empty rows inherit. */
function thresholdsToSend(draft: ThresholdDraft): Partial<Record<ThresholdKey, Record<Level, number>>> {
  const out: Partial<Record<ThresholdKey, Record<Level, number>>> = {};
  for (const key of THRESHOLD_KEYS) {
    const row = draft[key];
    if (LEVELS.every((l) => row[l].trim() === "")) continue;
    out[key] = { info: Number(row.info), warning: Number(row.warning), critical: Number(row.critical) };
  }
  return out;
}

function ThresholdTable({ draft, onChange, settings }: { draft: ThresholdDraft; onChange: (next: ThresholdDraft) => void; settings: WebsiteSettingsJson }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Severity thresholds (deviation %)</caption>
      <thead>
        <tr className="text-left text-slate-600">
          <th scope="col" className="py-1">Applies to</th>
          {LEVELS.map((l) => (
            <th key={l} scope="col" className="py-1 capitalize">{l} from %</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {THRESHOLD_KEYS.map((key) => {
          const name = key === "default" ? "All metrics (default)" : metricLabel(key);
          const effective = key === "default" ? undefined : settings.effective_thresholds[key];
          return (
            <tr key={key}>
              <th scope="row" className="py-1 pr-2 text-left font-medium">{name}</th>
              {LEVELS.map((l) => (
                <td key={l} className="py-1 pr-2">
                  <input
                    type="number"
                    min={0}
                    step="any"
                    aria-label={`${name}: ${l} from %`}
                    placeholder={effective ? String(effective[l]) : key === "default" ? { info: "50", warning: "100", critical: "200" }[l] : ""}
                    value={draft[key][l]}
                    onChange={(e) => onChange({ ...draft, [key]: { ...draft[key], [l]: e.target.value } })}
                    className={inputClass}
                  />
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function WebsiteSettingsForm({ website, initialSettings, canEdit }: { website: WebsiteJson; initialSettings: WebsiteSettingsJson; canEdit: boolean }) {
  const { data } = useWebsiteSettings(website.id, initialSettings);
  const settings = data ?? initialSettings;
  const update = useUpdateWebsiteSettings(website.id);
  const [timezone, setTimezone] = useState(settings.timezone);
  const [thresholds, setThresholds] = useState(() => thresholdDraft(settings));
  const [watched, setWatched] = useState<WebMetricName[]>(settings.watched_metrics);
  const [minDaily, setMinDaily] = useState(String(settings.min_daily_pageviews));
  const [segments, setSegments] = useState({ enabled: settings.segments.enabled, top_n: String(settings.segments.top_n), min_weekly_volume: String(settings.segments.min_weekly_volume) });
  const [saved, setSaved] = useState(false);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    update.mutate(
      {
        timezone,
        thresholds: thresholdsToSend(thresholds),
        watched_metrics: watched,
        min_daily_pageviews: Number(minDaily),
        segments: { enabled: segments.enabled, top_n: Number(segments.top_n), min_weekly_volume: Number(segments.min_weekly_volume) },
      },
      { onSuccess: () => setSaved(true) },
    );
  }

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">
          <Link href="/websites" className="text-indigo-700 underline-offset-2 hover:underline">Websites</Link> /{" "}
          <Link href={`/websites/${website.id}`} className="text-indigo-700 underline-offset-2 hover:underline">{website.domain}</Link> / settings
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Detection settings</h1>
        {!canEdit ? <p className="text-sm text-slate-600">Only admins can change these settings.</p> : null}
      </div>
      <form onSubmit={onSubmit} aria-label="Website detection settings">
        <fieldset disabled={!canEdit || update.isPending} className="space-y-6">
          <Card headingId="tz-heading" title="Time zone">
            <TextField label="IANA time zone" value={timezone} maxLength={64} onChange={(e) => setTimezone(e.target.value)} placeholder="Europe/Berlin" />
          </Card>
          <Card headingId="thresholds-heading" title="Severity thresholds">
            <p className="mb-2 text-sm text-slate-600">How far (in %) a value must leave the expected value to be info, warning or critical. Leave a row empty to inherit.</p>
            <ThresholdTable draft={thresholds} onChange={setThresholds} settings={settings} />
          </Card>
          <Card headingId="watched-heading" title="Watched metrics">
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
              {WEB_METRIC_NAMES.map((m) => (
                <label key={m} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={watched.includes(m)} onChange={(e) => setWatched(e.target.checked ? [...watched, m] : watched.filter((w) => w !== m))} />
                  {metricLabel(m)}
                </label>
              ))}
            </div>
          </Card>
          <Card headingId="traffic-heading" title="Minimum traffic and segments">
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
              <TextField label="Minimum daily pageviews to judge the site" type="number" min={0} value={minDaily} onChange={(e) => setMinDaily(e.target.value)} />
              <TextField label="Segments judged per dimension (top N)" type="number" min={1} max={20} value={segments.top_n} onChange={(e) => setSegments({ ...segments, top_n: e.target.value })} />
              <TextField label="Minimum weekly volume of a segment" type="number" min={1} value={segments.min_weekly_volume} onChange={(e) => setSegments({ ...segments, min_weekly_volume: e.target.value })} />
            </div>
            <label className="mt-3 flex items-center gap-2 text-sm">
              <input type="checkbox" checked={segments.enabled} onChange={(e) => setSegments({ ...segments, enabled: e.target.checked })} />
              Detect anomalies per page, referrer, browser, device type and event name
            </label>
          </Card>
          {update.isError ? <InlineError>{errorMessage(update.error)}</InlineError> : null}
          {canEdit ? (
            <div className="flex items-center gap-3">
              <button type="submit" className={buttonPrimary}>{update.isPending ? "Saving…" : "Save settings"}</button>
              <span className="text-sm text-slate-600" aria-live="polite">{saved ? "Saved." : ""}</span>
            </div>
          ) : null}
        </fieldset>
      </form>
    </div>
  );
}
