// The SQLite gate (issue 10 item 3): one holder at a time, FIFO, and a release that is
// safe to call twice. The database-level behaviour is covered in tests/api/hardening-data.
import { describe, expect, it } from "vitest";
import { AsyncGate } from "@/lib/db/gate";

describe("AsyncGate", () => {
  it("lets one holder in at a time, in arrival order", async () => {
    const gate = new AsyncGate();
    const order: string[] = [];
    const first = await gate.acquire();
    const second = gate.run(async () => order.push("second"));
    const third = gate.run(async () => order.push("third"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual([]);
    order.push("first");
    first();
    first(); // a second release must not let two waiters in
    await Promise.all([second, third]);
    expect(order).toEqual(["first", "second", "third"]);
    expect(gate.busy).toBe(false);
  });

  it("releases when the work throws", async () => {
    const gate = new AsyncGate();
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(gate.busy).toBe(false);
  });
});
