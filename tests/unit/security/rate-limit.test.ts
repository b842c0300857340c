// The limiter's window arithmetic and its in-memory counter (the collector's), without a database.
import { describe, expect, it } from "vitest";
import { enforceWindow, hitWindow, MemoryCounter, peekWindow, type WindowLimit } from "@/lib/org/rate-limit";
import { HttpError } from "@/lib/http/errors";

const rule = (limit: number): WindowLimit => ({ name: "t", limit, windowSeconds: 60, counter: new MemoryCounter() });
// 10 s into a one-minute window.
const NOW = new Date(Date.UTC(2026, 0, 1, 12, 0, 10));

describe("fixed-window limiter", () => {
  it("allows up to the limit in a window, then tells how long to wait", async () => {
    const r = rule(2);
    expect((await hitWindow(r, "a", NOW)).allowed).toBe(true);
    const second = await hitWindow(r, "a", NOW);
    expect(second).toMatchObject({ allowed: true, count: 2, remaining: 0, limit: 2 });
    const third = await hitWindow(r, "a", NOW);
    expect(third).toMatchObject({ allowed: false, retryAfterSeconds: 50, reset: Math.ceil(Date.UTC(2026, 0, 1, 12, 1, 0) / 1000) });
    expect((await hitWindow(r, "b", NOW)).allowed).toBe(true);
  });

  it("starts over when the window turns", async () => {
    const r = rule(1);
    await hitWindow(r, "a", NOW);
    expect((await hitWindow(r, "a", NOW)).allowed).toBe(false);
    expect((await hitWindow(r, "a", new Date(NOW.getTime() + 60_000))).allowed).toBe(true);
  });

  it("counts several hits at once (events of one request)", async () => {
    const r = rule(10);
    expect((await hitWindow(r, "site", NOW, 8)).allowed).toBe(true);
    expect((await hitWindow(r, "site", NOW, 3)).allowed).toBe(false);
  });

  it("peeks without counting: allowed while one more hit would fit", async () => {
    const r = rule(2);
    await hitWindow(r, "a", NOW);
    expect(await peekWindow(r, "a", NOW)).toMatchObject({ count: 1, allowed: true });
    await hitWindow(r, "a", NOW);
    expect(await peekWindow(r, "a", NOW)).toMatchObject({ count: 2, allowed: false });
  });

  it("enforce throws 429 with Retry-After, and X-RateLimit-* headers only when asked", async () => {
    const r = rule(1);
    expect(await enforceWindow(r, "a", "Too many", { now: NOW, withHeaders: true })).toEqual({ "X-RateLimit-Limit": "1", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(Math.ceil(Date.UTC(2026, 0, 1, 12, 1, 0) / 1000)) });
    const error = await enforceWindow(r, "a", "Too many", { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, message: "Too many; retry after 50 s", headers: { "Retry-After": "50" } });
  });
});
