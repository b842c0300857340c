import type { Command } from "../io";
import { runDetectSeries } from "../detect-series";

export const detectSeriesCommand: Record<string, Command> = {
  "detect-series": {
    summary: "score a CSV series: --input in.csv --output out.csv [--sensitivity 0..1] [--kind cost|count|rate|duration|gauge] [--direction up|down|both] [--min-delta n]",
    run: (argv) => runDetectSeries(argv),
  },
};
