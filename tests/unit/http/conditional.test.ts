// Conditional answers (ETag / If-None-Match) and the list's paging parameters, in process.
import { describe, expect, it } from "vitest";
import { conditionalJson, entityTag, matchesIfNoneMatch } from "@/lib/http/conditional";
import { encodeAnomalyCursor, listAnomaliesQuery } from "@/lib/cloud/schemas";

const request = (ifNoneMatch?: string) => new Request("http://test/api/v1/anomalies", { headers: ifNoneMatch ? { "if-none-match": ifNoneMatch } : {} });

describe("ETag and If-None-Match", () => {
  it("tags equal bodies alike and different bodies differently", () => {
    expect(entityTag('{"data":[]}')).toBe(entityTag('{"data":[]}'));
    expect(entityTag('{"data":[]}')).not.toBe(entityTag('{"data":[1]}'));
  });

  it("matches a tag in a list, a weak form of it, or *", () => {
    expect(matchesIfNoneMatch(null, '"a"')).toBe(false);
    expect(matchesIfNoneMatch('"b", "a"', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('W/"a"', '"a"')).toBe(true);
    expect(matchesIfNoneMatch("*", '"a"')).toBe(true);
    expect(matchesIfNoneMatch('"b"', '"a"')).toBe(false);
  });

  it("answers 200 with the tag, then 304 with no body for it", async () => {
    const first = conditionalJson(request(), { data: [1] });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    const tag = first.headers.get("etag")!;
    expect(await first.text()).toBe('{"data":[1]}');
    const again = conditionalJson(request(tag), { data: [1] });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(conditionalJson(request(tag), { data: [2] }).status).toBe(200);
  });
});

describe("limit and cursor of the list", () => {
  it("reads back the cursor it hands out", () => {
    const cursor = encodeAnomalyCursor({ day: "2026-11-30", id: 42 });
    expect(listAnomaliesQuery.parse({ limit: "10", cursor })).toMatchObject({ limit: 10, cursor: { day: "2026-11-30", id: 42 } });
  });

  it.each([{ limit: "0" }, { limit: "1001" }, { limit: "1.5" }, { cursor: "%%%" }, { cursor: Buffer.from("2026-11-30").toString("base64url") }, { cursor: Buffer.from("x~1").toString("base64url") }])(
    "refuses %o",
    (query) => {
      expect(listAnomaliesQuery.safeParse(query).success).toBe(false);
    },
  );
});
