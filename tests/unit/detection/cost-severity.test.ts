import { describe, expect, it } from "vitest";
import { costSeverity, impactSeverity } from "@/lib/detection";

describe("cost severity from percent and money", () => {
  it("bands the impact at $100 and $1,000", () => {
    expect(impactSeverity(99.99)).toBe("info");
    expect(impactSeverity(100)).toBe("warning");
    expect(impactSeverity(999)).toBe("warning");
    expect(impactSeverity(1000)).toBe("critical");
    expect(impactSeverity(-1500)).toBe("critical");
  });

  it("takes the lower of the percent band and the impact band", () => {
    // A $3 service tripling: +200 % but $6 → info.
    expect(costSeverity(200, 6)).toBe("info");
    // +300 % and $500 → warning (money caps it).
    expect(costSeverity(300, 500)).toBe("warning");
    // +60 % and $5,000 → info (percent caps it).
    expect(costSeverity(60, 5000)).toBe("info");
    // +150 % and $2,000 → warning; +250 % and $2,000 → critical.
    expect(costSeverity(150, 2000)).toBe("warning");
    expect(costSeverity(250, 2000)).toBe("critical");
  });

  it("always calls $10,000 or more critical, whatever the percent", () => {
    expect(costSeverity(5, 10_000)).toBe("critical");
    expect(costSeverity(-30, -12_000)).toBe("critical");
  });
});
