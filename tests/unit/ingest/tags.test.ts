// Tag parsing of the cost exports (issue 13): FOCUS `Tags`, CUR `resource_tags_*` / `resource_tags`.
import { describe, expect, it } from "vitest";
import { awsCurFormat, focusFormat, type CostLine } from "@/lib/ingest/formats";
import { MAX_TAGS_PER_LINE, normalizeTags, parseTagObject } from "@/lib/ingest/tag-parse";

const bounds = { min: "2000-01-01", max: "2100-01-01" };

describe("tag parsing", () => {
  it("reads a JSON object; anything else carries no tags", () => {
    expect(parseTagObject('{"team":"search","env":"prod","n":3}')).toEqual([
      ["team", "search"],
      ["env", "prod"],
      ["n", "3"],
    ]);
    for (const raw of ["", "[1]", "not json", "null", '"x"']) expect(parseTagObject(raw)).toEqual([]);
    expect(parseTagObject('{"":"x"," k ":" v ","nested":{"a":1},"empty":""}')).toEqual([["k", "v"]]);
  });

  it("bounds a line's tags, key and value lengths", () => {
    const many = Array.from({ length: 80 }, (_, i): [string, string] => [`k${i}`, "v"]);
    expect(normalizeTags(many)).toHaveLength(MAX_TAGS_PER_LINE);
    expect(normalizeTags([["k".repeat(129), "v"]])).toEqual([]);
    expect(normalizeTags([["k", "v".repeat(300)]])[0][1]).toHaveLength(256);
  });

  it("FOCUS Tags and CUR resource_tags_* become pairs on the cost line", () => {
    const focus = focusFormat.bind(["ChargePeriodStart", "EffectiveCost", "BillingCurrency", "ServiceName", "ChargeCategory", "Tags"], bounds);
    const line = focus.map(["2026-01-05T00:00:00Z", "12.5", "USD", "EC2", "Usage", '{"team":"ads"}']) as CostLine;
    expect(line.tags).toEqual([["team", "ads"]]);
    const cur = awsCurFormat.bind(["line_item_usage_start_date", "line_item_unblended_cost", "line_item_product_code", "line_item_line_item_type", "resource_tags_user_team", "resource_tags"], bounds);
    const curLine = cur.map(["2026-01-05T00:00:00Z", "3", "AmazonS3", "Usage", "search", '{"env":"prod"}']) as CostLine;
    expect(curLine.tags).toEqual([
      ["user_team", "search"],
      ["env", "prod"],
    ]);
    const untagged = cur.map(["2026-01-05T00:00:00Z", "3", "AmazonS3", "Usage", "", ""]) as CostLine;
    expect(untagged.tags).toEqual([]);
  });
});
