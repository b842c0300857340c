import { describe, expect, it } from "vitest";
import { rankContributors } from "@/lib/detection";

describe("rankContributors", () => {
  const items = [
    { service: "S3", actual: 10.004, expected: 9 },
    { service: "EC2", actual: 520.456, expected: 200.111 },
    { service: "RDS", actual: 80, expected: 95 },
    { service: "Lambda", actual: 42.5, expected: 2.5 },
  ];
  it("keeps only services above expectation, largest excess first, in cents", () => {
    expect(rankContributors(items)).toEqual([
      { service: "EC2", amount: 520.46, vs_expected: 320.35 },
      { service: "Lambda", amount: 42.5, vs_expected: 40 },
      { service: "S3", amount: 10, vs_expected: 1 },
    ]);
  });
  it("applies minDelta and limit", () => {
    expect(rankContributors(items, { minDelta: 5, limit: 1 }).map((c) => c.service)).toEqual(["EC2"]);
    expect(rankContributors(items, { minDelta: 1000 })).toEqual([]);
  });
  it("breaks ties by name", () => {
    const tied = rankContributors([
      { service: "b", actual: 2, expected: 1 },
      { service: "a", actual: 3, expected: 2 },
    ]);
    expect(tied.map((c) => c.service)).toEqual(["a", "b"]);
  });
});
