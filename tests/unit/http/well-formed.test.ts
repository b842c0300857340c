import { describe, expect, it } from "vitest";
import { parseWellFormedJson, wellFormedText } from "@/lib/http/well-formed";

describe("well-formed JSON bodies", () => {
  it("replaces lone surrogates in strings and keys, keeps pairs and plain text", () => {
    const parsed = parseWellFormedJson(String.raw`{"name":"a\ud92bb","pair":"\ud83d\ude00","list":["\udc00",1,null],"k\ud800":{"x":"y"}}`);
    expect(parsed).toEqual({ name: "a\ufffdb", pair: "😀", list: ["\ufffd", 1, null], "k\ufffd": { x: "y" } });
    expect(new TextDecoder().decode(new TextEncoder().encode(JSON.stringify(parsed)))).toBe(JSON.stringify(parsed));
  });

  it("leaves bodies without surrogate escapes as JSON.parse gives them", () => {
    const text = '{"a":[1,2,{"b":"ü 😀"}],"c":true}';
    expect(parseWellFormedJson(text)).toEqual(JSON.parse(text));
    expect(wellFormedText("plain")).toBe("plain");
    expect(() => parseWellFormedJson("{bad")).toThrow();
  });
});
