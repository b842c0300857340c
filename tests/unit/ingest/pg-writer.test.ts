// The array literals the PostgreSQL import writer sends: every text value arrives exactly
// as it was (quotes, backslashes, commas, braces, the word NULL, empty strings), amounts
// are rounded like the SQLite writer rounds them, and a missing billed amount is NULL.
import { describe, expect, it } from "vitest";
import { amountArrayLiteral, textArrayLiteral } from "@/lib/ingest/pg-writer";

/** PostgreSQL's reading of a one-dimensional text[] literal whose elements are all quoted. */
function readQuotedArray(literal: string): string[] {
  expect(literal.startsWith("{") && literal.endsWith("}")).toBe(true);
  const out: string[] = [];
  let i = 1;
  while (i < literal.length - 1) {
    expect(literal[i]).toBe('"');
    let value = "";
    for (i += 1; literal[i] !== '"'; i++) {
      if (literal[i] === "\\") i += 1;
      value += literal[i];
    }
    out.push(value);
    i += 1;
    if (literal[i] === ",") i += 1;
  }
  return out;
}

describe("textArrayLiteral", () => {
  it("quotes every element and escapes only backslashes and double quotes", () => {
    expect(textArrayLiteral(["a", "", "NULL", 'say "hi"', "C:\\path\\"])).toBe('{"a","","NULL","say \\"hi\\"","C:\\\\path\\\\"}');
    expect(textArrayLiteral([])).toBe("{}");
  });
  it("round-trips values with separators, braces, spaces and non-ASCII", () => {
    const values = ["Amazon EC2", " padded ", "a,b", "{x}", "tab\there", "line\nbreak", "Zürich – 東京", '\\"', "\\\\", "null"];
    expect(readQuotedArray(textArrayLiteral(values))).toEqual(values);
  });
});

describe("amountArrayLiteral", () => {
  it("rounds to 6 decimals and writes NULL for a missing amount", () => {
    expect(amountArrayLiteral([1.23456789, null, -0.5, 0, 1e12, 1e-9])).toBe("{1.234568,NULL,-0.5,0,1000000000000,0}");
  });
});
