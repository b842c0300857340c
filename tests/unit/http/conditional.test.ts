// Conditional answers (ETag / If-None-Match) and the list's paging parameters, in process.
import { describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { acceptsGzip, conditionalJson, entityTag, matchesIfNoneMatch } from "@/lib/http/conditional";
import { encodeAnomalyCursor, listAnomaliesQuery } from "@/lib/cloud/schemas";

const request = (ifNoneMatch?: string, acceptEncoding?: string) =>
  new Request("http://test/api/v1/anomalies", {
    headers: { ...(ifNoneMatch ? { "if-none-match": ifNoneMatch } : {}), ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}) },
  });

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
    const first = await conditionalJson(request(), { data: [1] });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    const tag = first.headers.get("etag")!;
    expect(await first.text()).toBe('{"data":[1]}');
    const again = await conditionalJson(request(tag), { data: [1] });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await conditionalJson(request(tag), { data: [2] })).status).toBe(200);
  });
});

describe("gzipped answers", () => {
  // Over the kilobyte below which nothing is compressed.
  const big = { data: Array.from({ length: 200 }, (_, i) => ({ id: i, service: `service-${i % 30}` })) };
  const bigText = JSON.stringify(big);

  it("reads Accept-Encoding with its q-values and wildcard", () => {
    expect(acceptsGzip(null)).toBe(false);
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("x-gzip")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("br, identity")).toBe(false);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("*;q=0.1, gzip;q=0")).toBe(false);
  });

  it("sends gzip to a client that accepts it, with its own tag, and the same bytes once unzipped", async () => {
    const plain = await conditionalJson(request(), big);
    const zipped = await conditionalJson(request(undefined, "gzip, deflate"), big);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toBe("accept-encoding");
    expect(plain.headers.get("vary")).toBe("accept-encoding");
    const zippedBytes = Buffer.from(await zipped.arrayBuffer());
    expect(zipped.headers.get("content-length")).toBe(String(zippedBytes.byteLength));
    expect(zippedBytes.byteLength).toBeLessThan(bigText.length / 2);
    expect(gunzipSync(zippedBytes).toString("utf8")).toBe(bigText);
    expect(await plain.text()).toBe(bigText);
    const plainTag = plain.headers.get("etag")!;
    const zippedTag = zipped.headers.get("etag")!;
    expect(zippedTag).not.toBe(plainTag);
    expect(zippedTag).toMatch(/^"[\w-]+"$/);
    expect((await conditionalJson(request(zippedTag, "gzip"), big)).status).toBe(304);
    // A tag names one encoding's bytes: the identity tag does not validate the gzipped form.
    expect((await conditionalJson(request(plainTag, "gzip"), big)).status).toBe(200);
  });

  it("leaves answers under a kilobyte uncompressed and without Vary", async () => {
    const small = await conditionalJson(request(undefined, "gzip"), { data: [1] });
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(small.headers.get("vary")).toBeNull();
    expect(await small.text()).toBe('{"data":[1]}');
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
