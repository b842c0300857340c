// Runs the detection engine over a provider's daily series: the provider-level series
// decides whether a day is an anomaly, the per-service series explain it.
import {
  canResume,
  combineComponentsFrom,
  detectSeriesFrom,
  rankContributors,
  type DetectorCheckpoint,
  type DetectorOptions,
  type HierarchyState,
  type PointVerdict,
  type TotalVerdict,
} from "@/lib/detection";
import { config } from "@/lib/config";
import { addDays, dayRange, daysBetween, dayStart } from "@/lib/time";
import type { CloudAnomalyType } from "@/lib/vocabulary";
import type { ServiceDaily } from "./series";

export interface Evaluation {
  days: string[];
  total: TotalVerdict[];
  services: Map<string, PointVerdict[]>;
  /** An incremental run's window: the services that had spent (non-zero) before its first day. */
  historyBefore?: ReadonlySet<string>;
}

/** What one evaluation hands the next run (lib/cloud/resume.ts): every engine's state after `throughDay`. */
export interface EngineState {
  throughDay: string;
  services: Map<string, DetectorCheckpoint>;
  hierarchy: HierarchyState;
  /** Services with a non-zero value by then (the detail calls a later day's figure "known"). */
  hadHistory: Set<string>;
  /** Services with any value by then: spend counts their missing days as 0 from their first day on (lib/cloud/series.ts). */
  started: Set<string>;
}

/** Where a window continues from: the state, and the series' first day (a new service's engine starts there). */
export interface ResumeFrom extends EngineState {
  firstDay: string;
}

/** Smallest metric change worth an alert, by metric family (units of the metric itself). */
export function performanceFloor(metric: string): number {
  if (/latency|_ms$|duration/i.test(metric)) return 20;
  if (/error|5xx|fail/i.test(metric)) return 0.5;
  if (/cpu|memory|utili[sz]ation|disk/i.test(metric)) return 5;
  return 0;
}

/**
 * Whether a drop of this metric is an incident: spend and throughput falling to zero is
 * (an outage, a suspended account, a broken export); lower latency or fewer errors is not.
 */
export function judgesDrops(type: CloudAnomalyType, metric: string): boolean {
  if (type === "cost") return true;
  if (/latency|_ms$|duration|error|5xx|fail|cpu|memory|utili[sz]ation|disk/i.test(metric)) return false;
  return /request|throughput|invocation|count|traffic|rps|qps|bytes|transactions|messages|events/i.test(metric);
}

/** Settings a simulation tries instead of the configured ones (lib/simulation). */
export interface DetectionOverrides {
  sensitivity?: number;
  costFloor?: number;
}

function optionsFor(type: CloudAnomalyType, metric: string, level: "total" | "service", overrides?: DetectionOverrides): DetectorOptions {
  const sensitivity = overrides?.sensitivity ?? config.sensitivity;
  if (type === "cost") {
    return { kind: "amount", direction: "up", sensitivity, seasonalPeriods: [7], minAbsoluteDelta: level === "total" ? (overrides?.costFloor ?? config.costFloor) : config.serviceFloor };
  }
  return { kind: "gauge", direction: "up", sensitivity, seasonalPeriods: [7], minAbsoluteDelta: performanceFloor(metric) };
}

/** Spend and these metrics cannot go below zero, so neither can their expected range. */
function nonNegative<V extends PointVerdict>(verdicts: V[]): V[] {
  for (const v of verdicts) {
    if (v.lower !== null && v.lower < 0) v.lower = 0;
    if (v.expected !== null && v.expected < 0) v.expected = 0;
  }
  return verdicts;
}

/**
 * Each service is judged against its own history; the provider's band is built bottom-up
 * from them (lib/detection/hierarchy.ts), so one service's runaway is visible in the
 * total and one service's past spike does not widen the whole provider's band.
 */
export function evaluateSeries(series: ServiceDaily, type: CloudAnomalyType, metric = "cost", overrides?: DetectionOverrides): Evaluation {
  return evaluateWindow(null, series, type, metric, null, overrides)!.evaluation;
}

const timestampsOf = (days: string[]) => days.map((d) => dayStart(d).getTime());

/** One service's verdicts over the window, its engine continued from `from` (a new service: from the series' first day). */
function judgeService(from: ResumeFrom | null, service: string, days: string[], stamps: number[], values: (number | null)[], options: DetectorOptions, checkpointAt: number) {
  const saved = from?.services.get(service);
  if (saved || !from || from.firstDay >= days[0]) return detectSeriesFrom(saved ?? null, stamps, values, options, checkpointAt);
  // New since the checkpoint: a full run would have run its engine from the series' first day over nulls.
  const lead = dayRange(from.firstDay, addDays(days[0], -1));
  const result = detectSeriesFrom(null, timestampsOf([...lead, ...days]), [...lead.map(() => null), ...values], options, checkpointAt);
  return { verdicts: result.verdicts.slice(lead.length), checkpoint: result.checkpoint };
}

/**
 * evaluateSeries over a window of days that continues `from` (null: the whole series), and the
 * engines' state right after `checkpointDay` for the next run (null when not asked for or not in
 * the window). Null when the saved state cannot continue this window (settings or grid changed):
 * the caller evaluates the whole series instead.
 */
export function evaluateWindow(
  from: ResumeFrom | null,
  series: ServiceDaily,
  type: CloudAnomalyType,
  metric: string,
  checkpointDay: string | null,
  overrides?: DetectionOverrides,
): { evaluation: Evaluation; next: EngineState | null } | null {
  if (series.days.length === 0) return { evaluation: { days: [], total: [], services: new Map(), historyBefore: from?.hadHistory }, next: null };
  const checkpointIndex = checkpointDay === null ? -1 : series.days.indexOf(checkpointDay);
  // -Infinity: no checkpoint wanted (the engine then keeps none).
  const checkpointAt = checkpointIndex >= 0 ? dayStart(checkpointDay!).getTime() : -Infinity;
  const serviceOptions = optionsFor(type, metric, "service", overrides);
  const services = new Map<string, PointVerdict[]>();
  const states = new Map<string, DetectorCheckpoint>();
  // Once per series, not per service: parsing the days was a tenth of a rebuild's CPU.
  const stamps = timestampsOf(series.days);
  for (const [service, values] of series.services) {
    const saved = from?.services.get(service);
    if (saved && !canResume(saved, stamps, serviceOptions)) return null;
    const result = judgeService(from, service, series.days, stamps, values, serviceOptions, checkpointAt);
    services.set(service, nonNegative(result.verdicts));
    if (result.checkpoint) states.set(service, result.checkpoint);
  }
  // Drop memories count days from the series' first day: the window's first day is day `offset`.
  const offset = from ? daysBetween(from.firstDay, series.days[0]) : 0;
  const combined = combineComponentsFrom(
    from?.hierarchy ?? null,
    series.total,
    [...series.services].map(([service, values]) => ({ key: service, values, verdicts: services.get(service)! })),
    {
      combine: type === "cost" ? "sum" : "mean",
      minAbsoluteDelta: optionsFor(type, metric, "total", overrides).minAbsoluteDelta,
      drops: judgesDrops(type, metric),
    },
    offset,
    // Before `offset`: no new state (the saved one, or none).
    offset + (checkpointIndex >= 0 ? checkpointIndex : -1),
  );
  const total = nonNegative(combined.verdicts);
  const evaluation: Evaluation = { days: series.days, total, services, historyBefore: from?.hadHistory };
  if (checkpointIndex < 0 || !combined.state) return { evaluation, next: null };
  const hadHistory = new Set(from?.hadHistory);
  const started = new Set(from?.started);
  for (const [service, values] of series.services) {
    const upTo = values.slice(0, checkpointIndex + 1);
    if (upTo.some((v) => v !== null && v !== 0)) hadHistory.add(service);
    if (upTo.some((v) => v !== null)) started.add(service);
  }
  return { evaluation, next: { throughDay: checkpointDay!, services: states, hierarchy: combined.state, hadHistory, started } };
}

export interface DayServiceFigure {
  service: string;
  amount: number;
  expected: number | null;
}

/** Every service's value and expectation on day `i` (expected 0 for a service with no history yet). */
export function serviceFiguresOn(series: ServiceDaily, evaluation: Evaluation, i: number): DayServiceFigure[] {
  const out: DayServiceFigure[] = [];
  for (const [service, values] of series.services) {
    const amount = values[i];
    if (amount === null || amount === undefined) continue;
    const verdict = evaluation.services.get(service)?.[i];
    const hadHistory = evaluation.historyBefore?.has(service) === true || values.slice(0, i).some((v) => v !== null && v !== 0);
    out.push({ service, amount, expected: verdict?.expected ?? (hadHistory ? null : 0) });
  }
  return out;
}

/** Share of the day's excess a service must explain to be listed as a contributor (noise is not a cause). */
const MIN_SHARE_OF_EXCESS = 0.05;

/**
 * The services behind day `i`'s anomaly, largest excess first: those that broke their own
 * band by at least the floor when there are any (the dimensional rule), otherwise those
 * that explain the total's excess.
 */
export function topServicesOn(series: ServiceDaily, evaluation: Evaluation, i: number, type: CloudAnomalyType, metric: string) {
  if (evaluation.total[i]?.direction === "down") return fallenServicesOn(series, evaluation, i, type, metric);
  const causes = causeNames(series, evaluation.total[i]);
  if (causes.size) {
    const figures = serviceFiguresOn(series, evaluation, i).filter((f) => causes.has(f.service));
    return rankContributors(figures.map((f) => ({ service: f.service, actual: f.amount, expected: f.expected ?? 0 })), { limit: 5 });
  }
  const floor = type === "cost" ? config.serviceFloor : performanceFloor(metric);
  const figures = serviceFiguresOn(series, evaluation, i).filter((f) => f.expected !== null);
  const actual = series.total[i] ?? 0;
  const expected = evaluation.total[i]?.expected ?? actual;
  // For cost the services add up to the total, so compare against its excess; a
  // performance metric is a mean, so each service's own deviation is what matters.
  const excess = type === "cost" ? Math.max(0, actual - expected) : 0;
  return rankContributors(
    figures.map((f) => ({ service: f.service, actual: f.amount, expected: f.expected ?? 0 })),
    { minDelta: Math.max(floor, excess * MIN_SHARE_OF_EXCESS), limit: 5 },
  );
}

function causeNames(series: ServiceDaily, verdict: TotalVerdict | undefined): Set<string> {
  if (!verdict?.causes.length) return new Set();
  const names = [...series.services.keys()];
  return new Set(verdict.causes.map((index) => names[index]));
}

/** For a drop: the services that fell furthest below expectation, vs_expected negative. */
function fallenServicesOn(series: ServiceDaily, evaluation: Evaluation, i: number, type: CloudAnomalyType, metric: string) {
  const floor = type === "cost" ? config.serviceFloor : performanceFloor(metric);
  const figures = serviceFiguresOn(series, evaluation, i).filter((f) => f.expected !== null);
  // Ranked as rises of the mirrored values, then mirrored back.
  const ranked = rankContributors(
    figures.map((f) => ({ service: f.service, actual: f.expected ?? 0, expected: f.amount })),
    { minDelta: floor, limit: 5 },
  );
  const amounts = new Map(figures.map((f) => [f.service, f.amount]));
  return ranked.map((r) => ({ service: r.service, amount: Math.round((amounts.get(r.service) ?? 0) * 100) / 100, vs_expected: -r.vs_expected }));
}
