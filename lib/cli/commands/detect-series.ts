import type { Command } from "./index";
import { runDetectSeries } from "../detect-series";

export const detectSeriesCommand: Record<string, Command> = {
  "detect-series": {
    summary: "score a CSV series: --input in.csv --output out.csv [--sensitivity 0..1]",
    run: (argv) => runDetectSeries(argv),
  },
};
