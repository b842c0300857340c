// Issue 10 item 3: a busy database is a 503 service_unavailable with Retry-After, never a 500.
import { describe, expect, it } from "vitest";
import { isDatabaseBusy, toHttpError } from "@/lib/http/route";
import { externalFlavor, v1Flavor } from "@/lib/http/flavors";
import { DatabaseBusyError } from "@/lib/ingest/sqlite-writer";

describe("database busy → 503", () => {
  const busy = [
    Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }),
    Object.assign(new Error("Operation has timed out"), { code: "P1008" }),
    Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" }),
    new Error("Error in connector: SocketTimeout"),
    new DatabaseBusyError(30_000),
  ];
  it.each(busy.map((e) => [e.message, e]))("%s", (_message, error) => {
    expect(isDatabaseBusy(error)).toBe(true);
    const http = toHttpError(error, "req-1");
    expect(http.status).toBe(503);
    expect(http.kind).toBe("service_unavailable");
    expect(http.headers?.["Retry-After"]).toBe("1");
    expect(http.message).not.toMatch(/locked|P2028|SocketTimeout/);
    expect(v1Flavor.render(http)).toMatchObject({ error: { code: "service_unavailable" } });
    expect(externalFlavor.render(http)).toMatchObject({ success: false, error: { code: "SERVICE_UNAVAILABLE" } });
  });
  it("other errors stay 500 with a generic message", () => {
    expect(isDatabaseBusy(new Error("no such column"))).toBe(false);
    expect(toHttpError(new Error("no such column"), "req-2").status).toBe(500);
  });
});
