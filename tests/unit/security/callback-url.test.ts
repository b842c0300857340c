import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/client/callback-url";

// Each vector is what arrives in the query parameter after the framework decoded it once.
const EVIL = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/%09/evil.example",
  "/%2509/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/%0a/evil.example",
  "/%0d%0a/evil.example",
  "/ /evil.example",
  "/\u00a0/evil.example",
  "/\u3000/evil.example",
  "/\ufeff/evil.example",
  "/\u2028/evil.example",
  "/\u0000/evil.example",
  "/%5c/evil.example",
  "/%5C%5Cevil.example",
  "/%2f/evil.example",
  "/%252f/evil.example",
  "https://evil.example",
  "http:/evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " /anomalies",
  "evil.example",
  "",
  "/%E0%A4%A",
  "/login?callbackUrl=//evil.example",
  "/api/auth/signout",
  "/" + "a".repeat(3000),
];

describe("safeCallbackUrl", () => {
  it.each(EVIL)("refuses %j", (vector) => {
    expect(safeCallbackUrl(vector)).toBe("/");
  });

  it.each([
    ["/anomalies", "/anomalies"],
    ["/anomalies?days=30&type=cost", "/anomalies?days=30&type=cost"],
    ["/anomalies/12?dismiss=1", "/anomalies/12?dismiss=1"],
    ["/websites/0b7a9c1e-0000-4000-8000-000000000000#chart", "/websites/0b7a9c1e-0000-4000-8000-000000000000#chart"],
    ["/settings/alerts", "/settings/alerts"],
  ])("keeps the same-origin path %j", (vector, expected) => {
    expect(safeCallbackUrl(vector)).toBe(expected);
  });

  it("takes the first of repeated parameters and defaults when absent", () => {
    expect(safeCallbackUrl(["/anomalies", "//evil.example"])).toBe("/anomalies");
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(null)).toBe("/");
  });

  it("never yields a URL that a browser would send off-site", () => {
    for (const vector of EVIL) {
      const out = safeCallbackUrl(vector);
      // What a browser does with the result: strip TAB/LF/CR, then resolve against the site.
      const resolved = new URL(out.replace(/[\t\n\r]/g, ""), "https://bandwatch.example");
      expect(resolved.origin).toBe("https://bandwatch.example");
    }
  });
});
