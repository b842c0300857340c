import { readFileSync, writeFileSync } from "node:fs";
import { detectSeries, inferUserKind, isUserKind, optionsForUserKind, USER_KINDS, type Direction, type UserKind } from "../detection";

const USAGE = `Usage: bandwatch detect-series --input <in.csv> --output <out.csv> [--sensitivity <0..1>]
         [--kind cost|count|rate|duration|gauge] [--direction up|down|both] [--min-delta <n>]

Reads a CSV with header "timestamp,value" (ISO 8601 or "YYYY-MM-DD HH:MM:SS" timestamps,
ascending (a repeated or one-hour-back timestamp from a clock shift is tolerated), any regular interval, rows may be missing; an empty value is a missing value)
and writes one row per input row:
  timestamp,value,expected,lower,upper,anomaly_score,is_anomaly
Each output row depends only on that row and earlier ones. expected/lower/upper are
empty while the detector warms up. is_anomaly uses --sensitivity (default 0.5, the
product default); anomaly_score (0..1) is computed for the default sensitivity
whatever --sensitivity says: anomaly_score >= 0.5 marks the alarms at the default.
--kind picks the noise model; without it the kind is inferred from the data: daily
non-negative amounts are cost, non-negative integers (daily or hourly) are counts,
hourly fractions in [0,1] are rates, everything else (and anything sampled faster
than every 45 minutes) is a gauge. --direction: which way a move is a problem
(default up for cost and duration, both otherwise). --min-delta: a point must be
beyond the band by at least this much, in the series' unit (e.g. dollars).`;

/** Options of one detect-series run beyond the sensitivity; omitted ones are inferred. */
export interface SeriesCliOptions {
  kind?: UserKind;
  direction?: Direction;
  minDelta?: number;
}

const CLOCK_SHIFT_TOLERANCE_MS = 3_600_000;

export class InputError extends Error {}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function digits(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/** Epoch ms of a timestamp; zone-less timestamps are read as UTC so results do not depend on the machine's zone. */
export function parseTimestamp(s: string): number {
  // Fast path, no allocation: "YYYY-MM-DD HH:MM[:SS[.fff]]" or with "T", optionally ending in "Z".
  const n = s.length;
  if (n >= 16 && s[4] === "-" && s[7] === "-" && (s[10] === " " || s[10] === "T") && s[13] === ":") {
    const y = digits(s, 0, 4);
    const mo = digits(s, 5, 2);
    const d = digits(s, 8, 2);
    const h = digits(s, 11, 2);
    const mi = digits(s, 14, 2);
    let pos = 16;
    let se = 0;
    let ms = 0;
    if (pos < n && s[pos] === ":") {
      se = digits(s, pos + 1, 2);
      pos += 3;
      if (pos < n && s[pos] === ".") {
        let k = pos + 1;
        let frac = 0;
        let scale = 100;
        while (k < n && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) {
          frac += (s.charCodeAt(k) - 48) * scale;
          scale /= 10;
          k++;
        }
        if (k === pos + 1) return NaN;
        ms = Math.floor(frac);
        pos = k;
      }
    }
    if (pos === n || (pos === n - 1 && s[pos] === "Z")) {
      if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && se <= 60)) return NaN;
      return Date.UTC(y, mo - 1, d, h, mi, se, ms);
    }
  }
  const dm = DATE_ONLY.exec(s);
  if (dm) {
    const mo = Number(dm[2]);
    const d = Number(dm[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
    return Date.UTC(Number(dm[1]), mo - 1, d);
  }
  // Full ISO 8601 with a zone designator (Z or +hh:mm).
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return Date.parse(s);
  return NaN;
}

export interface ParsedSeries {
  rawTimestamps: string[];
  rawValues: string[];
  timestamps: number[];
  values: (number | null)[];
}

function unquote(cell: string): string {
  const c = cell.trim();
  return c.length >= 2 && c.charCodeAt(0) === 34 && c.charCodeAt(c.length - 1) === 34 ? c.slice(1, -1) : c;
}

/** Parse the input CSV; throws InputError naming the line and the problem. */
export function parseSeriesCsv(text: string): ParsedSeries {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) throw new InputError("line 1: empty file, expected header \"timestamp,value\"");
  const header = lines[0].replace(/^\uFEFF/, "").split(",").map((h) => h.trim().toLowerCase());
  const ti = header.indexOf("timestamp");
  const vi = header.indexOf("value");
  if (ti < 0 || vi < 0) throw new InputError(`line 1: header must contain columns "timestamp" and "value", got "${lines[0]}"`);
  const rawTimestamps: string[] = [];
  const rawValues: string[] = [];
  const timestamps: number[] = [];
  const values: (number | null)[] = [];
  let prev = -Infinity;
  for (let li = 1; li < lines.length; li++) {
    const line = lines[li];
    const lineNo = li + 1;
    if (line.trim() === "") {
      if (li === lines.length - 1) continue;
      throw new InputError(`line ${lineNo}: empty line`);
    }
    const cells = line.split(",");
    if (cells.length !== header.length) throw new InputError(`line ${lineNo}: expected ${header.length} fields, got ${cells.length}`);
    const ts = unquote(cells[ti]);
    const t = parseTimestamp(ts);
    if (!Number.isFinite(t)) throw new InputError(`line ${lineNo}: invalid timestamp "${ts}" (use ISO 8601 or YYYY-MM-DD HH:MM:SS)`);
    // Repeated or slightly earlier timestamps are what a one-hour clock (DST) shift
    // leaves in local-time exports; anything further back is a sorting problem.
    if (t < prev - CLOCK_SHIFT_TOLERANCE_MS) throw new InputError(`line ${lineNo}: timestamp "${ts}" is earlier than the previous row's (rows must be in ascending time order)`);
    prev = Math.max(prev, t);
    const vs = unquote(cells[vi]);
    let v: number | null = null;
    if (vs !== "" && vs.toLowerCase() !== "nan" && vs.toLowerCase() !== "null") {
      v = Number(vs);
      if (!Number.isFinite(v)) throw new InputError(`line ${lineNo}: value "${vs}" is not a number`);
    }
    rawTimestamps.push(ts);
    rawValues.push(vs);
    timestamps.push(t);
    values.push(v);
  }
  if (timestamps.length === 0) throw new InputError("line 2: no data rows after the header");
  return { rawTimestamps, rawValues, timestamps, values };
}

function fmt(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e15 || a < 1e-6) return String(Number(x.toPrecision(10)));
  return String(Math.round(x * 1e6) / 1e6);
}

/** Run the detector over parsed rows and render the output CSV. */
export function detectCsv(text: string, sensitivity = 0.5, cli: SeriesCliOptions = {}): string {
  const s = parseSeriesCsv(text);
  const kind = cli.kind ?? inferUserKind(s.timestamps, s.values);
  const verdicts = detectSeries(s.timestamps, s.values, { sensitivity, ...optionsForUserKind(kind, cli.direction, cli.minDelta) });
  const parts: string[] = new Array(verdicts.length + 1);
  parts[0] = "timestamp,value,expected,lower,upper,anomaly_score,is_anomaly";
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i];
    parts[i + 1] = `${s.rawTimestamps[i]},${s.rawValues[i]},${fmt(v.expected)},${fmt(v.lower)},${fmt(v.upper)},${fmt(Math.round(v.score * 1e6) / 1e6)},${v.isAnomaly ? 1 : 0}`;
  }
  return parts.join("\n") + "\n";
}

interface ParsedArgs { input?: string; output?: string; sensitivity: number; cli: SeriesCliOptions; help?: boolean }

const DIRECTIONS: readonly Direction[] = ["up", "down", "both"];

/** One flag's value into the parsed arguments; returns an error message for a bad value. */
function applyFlag(flag: string, raw: string | undefined, out: ParsedArgs): string | null {
  const value = raw ?? "";
  if (flag === "--input" || flag === "-i") out.input = raw;
  else if (flag === "--output" || flag === "-o") out.output = raw;
  else if (flag === "--sensitivity") {
    out.sensitivity = Number(raw);
    if (value.trim() === "" || !Number.isFinite(out.sensitivity) || out.sensitivity < 0 || out.sensitivity > 1) return `--sensitivity must be a number between 0 and 1, got "${value}"`;
  } else if (flag === "--kind") {
    if (!isUserKind(value)) return `--kind must be one of ${USER_KINDS.join(", ")}, got "${value}"`;
    out.cli.kind = value;
  } else if (flag === "--direction") {
    const d = DIRECTIONS.find((x) => x === value);
    if (!d) return `--direction must be one of up, down, both, got "${value}"`;
    out.cli.direction = d;
  } else if (flag === "--min-delta") {
    const n = Number(raw);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0) return `--min-delta must be a non-negative number, got "${value}"`;
    out.cli.minDelta = n;
  } else return `unknown argument "${flag}"\n${USAGE}`;
  return null;
}

function parseArgs(argv: string[]): ParsedArgs | string {
  const out: ParsedArgs = { sensitivity: 0.5, cli: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const flag = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    if (flag === "-h" || flag === "--help") return { ...out, help: true };
    const raw = a.startsWith("--") && eq > 0 ? a.slice(eq + 1) : flag.startsWith("-") ? argv[++i] : undefined;
    const err = applyFlag(flag, raw, out);
    if (err) return err;
  }
  return out;
}

function runDetectFile(input: string, output: string, args: ParsedArgs): number {
  let text: string;
  try {
    text = readFileSync(input, "utf8");
  } catch (e) {
    process.stderr.write(`detect-series: cannot read ${input}: ${(e as Error).message}\n`);
    return 1;
  }
  let csv: string;
  try {
    csv = detectCsv(text, args.sensitivity, args.cli);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`detect-series: ${input}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  try {
    writeFileSync(output, csv);
  } catch (e) {
    process.stderr.write(`detect-series: cannot write ${output}: ${(e as Error).message}\n`);
    return 1;
  }
  return 0;
}

export async function runDetectSeries(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`detect-series: ${args}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (!args.input || !args.output) {
    process.stderr.write(`detect-series: --input and --output are required\n${USAGE}\n`);
    return 2;
  }
  return runDetectFile(args.input, args.output, args);
}
