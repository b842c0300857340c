// The daily grid detection judges (lib/cloud/series.ts): what the rollup reads hand over,
// grouped by service, becomes one value per service and day, whatever order the rows come in.
import { describe, expect, it } from "vitest";
import { assemble, assembleServices } from "@/lib/cloud/series";

describe("assembleServices: the daily grid of a provider", () => {
  it("lays the days out from the first to the last, sums duplicates, fills a known service's missing days with 0", () => {
    const grid = assembleServices(
      [
        { service: "S3", days: ["2026-01-03", "2026-01-01"], values: [2, 1] },
        { service: "EC2", days: ["2026-01-01", "2026-01-01", "2026-01-04"], values: [10, 5, 20] },
      ],
      "sum",
    );
    expect(grid.days).toEqual(["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]);
    expect([...grid.services.keys()]).toEqual(["EC2", "S3"]);
    expect(grid.services.get("EC2")).toEqual([15, null, 0, 20]);
    expect(grid.services.get("S3")).toEqual([1, null, 2, 0]);
    // A day without any row is no day of data: its total is null, not 0.
    expect(grid.total).toEqual([16, null, 2, 20]);
  });

  it("drops corrupt days and figures that are not finite numbers, and a service left with none", () => {
    const grid = assembleServices(
      [
        { service: "EC2", days: ["2026-02-30", "2026-01-01", "not a day", "2026-01-02"], values: [5, 1, 5, 2] },
        { service: "Broken", days: ["2026-01-01", "2026-01-02"], values: [NaN, Infinity] },
      ],
      "sum",
    );
    expect(grid.days).toEqual(["2026-01-01", "2026-01-02"]);
    expect([...grid.services.keys()]).toEqual(["EC2"]);
    expect(grid.total).toEqual([1, 2]);
  });

  it("starts a window on its first day with the services known before it, and averages for means", () => {
    const window = { fromDay: "2026-01-02", knownServices: ["api", "old"] };
    const sum = assembleServices([{ service: "api", days: ["2026-01-01", "2026-01-03"], values: [9, 3] }], "sum", window);
    expect(sum.days).toEqual(["2026-01-02", "2026-01-03"]);
    expect(sum.services.get("api")).toEqual([null, 3]);
    expect(sum.services.get("old"), "a service known before the window spent 0 on a reported day").toEqual([null, 0]);
    const mean = assembleServices(
      [
        { service: "api", days: ["2026-01-02"], values: [200] },
        { service: "worker", days: ["2026-01-02"], values: [400] },
      ],
      "mean",
    );
    expect(mean.total).toEqual([300]);
  });

  it("answers what assemble answers for the same rows in any order", () => {
    const rows = [
      { day: "2026-01-02", service: "b", value: 0.1 },
      { day: "2026-01-01", service: "a", value: 0.2 },
      { day: "2026-01-02", service: "a", value: 0.30000000000000004 },
      { day: "2026-01-05", service: "b", value: 7 },
    ];
    const grouped = assembleServices(
      [
        { service: "a", days: ["2026-01-01", "2026-01-02"], values: [0.2, 0.30000000000000004] },
        { service: "b", days: ["2026-01-02", "2026-01-05"], values: [0.1, 7] },
      ],
      "sum",
    );
    expect(assemble([...rows].reverse(), "sum")).toEqual(grouped);
    expect(grouped.total).toEqual([0.2, 0.1 + 0.30000000000000004, null, null, 7]);
  });

  it("has nothing to lay out without a usable row", () => {
    expect(assembleServices([], "sum")).toEqual({ days: [], total: [], services: new Map() });
    expect(assembleServices([{ service: "x", days: ["2026-01-01"], values: [1] }], "sum", { fromDay: "2026-02-01", knownServices: [] }).days).toEqual([]);
  });
});
