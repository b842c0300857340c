import { describe, expect, it } from "vitest";
import { allowedOriginsOf, checkOrigin, settingsObject } from "@/lib/web/collect-guard";
import { thresholdsFor } from "@/lib/web/settings";
import { exceedsShape } from "@/lib/web/collect";

describe("collector guards", () => {
  it("reads allowed origins from the settings JSON and ignores anything malformed", () => {
    expect(allowedOriginsOf(JSON.stringify({ allowed_origins: ["https://shop.example", "http://localhost:8080"] }))).toEqual(["https://shop.example", "http://localhost:8080"]);
    expect(allowedOriginsOf(JSON.stringify({ allowed_origins: ["not an origin"] }))).toEqual([]);
    expect(allowedOriginsOf("{broken")).toEqual([]);
    expect(allowedOriginsOf("[1,2]")).toEqual([]);
    expect(settingsObject("null")).toEqual({});
  });

  it("keeps severity overrides working next to allowed_origins", () => {
    const json = JSON.stringify({ allowed_origins: ["https://shop.example"], visitors: { info: 11, warning: 22, critical: 33 } });
    expect(thresholdsFor(json, "visitors")).toEqual({ info: 11, warning: 22, critical: 33 });
  });

  it("refuses other origins only when a list is set, and never requests without Origin", () => {
    expect(() => checkOrigin([], "https://evil.example")).not.toThrow();
    expect(() => checkOrigin(["https://shop.example"], null)).not.toThrow();
    expect(() => checkOrigin(["https://shop.example"], "https://shop.example")).not.toThrow();
    expect(() => checkOrigin(["https://shop.example"], "https://evil.example")).toThrow(/origin/);
  });

  it("measures nesting without recursion, even 100,000 levels deep", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(exceedsShape(deep, 5)).toBe(true);
    expect(exceedsShape({ a: { b: { c: 1 } } }, 5)).toBe(false);
    expect(exceedsShape({ a: { b: { c: { d: { e: {} } } } } }, 5)).toBe(true);
    expect(exceedsShape(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, {}])), 5)).toBe(true);
  });
});
