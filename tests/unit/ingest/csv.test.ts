import { describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { openCsvSource, readCsvRecords, splitQuotedRecord, CsvFormatError } from "@/lib/ingest/csv";

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function records(text: string, size = 1 << 16) {
  const out: Array<{ line: number; fields: string[] }> = [];
  for await (const batch of readCsvRecords(chunked(text, size))) out.push(...batch);
  return out;
}

async function* bytes(buf: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe("splitQuotedRecord", () => {
  it("handles quoted commas, doubled quotes and empty trailing fields", () => {
    expect(splitQuotedRecord('a,"b,c","d ""e""",', 1)).toEqual(["a", "b,c", 'd "e"', ""]);
    expect(splitQuotedRecord('"",x', 1)).toEqual(["", "x"]);
  });
  it("rejects text after a closing quote", () => {
    expect(() => splitQuotedRecord('"a"b,c', 7)).toThrow(CsvFormatError);
  });
});

describe("readCsvRecords", () => {
  const text = '\ufeffh1,h2,h3\r\n1,"two, and\r\nmore",3\r\n\r\n4,5,6\n7,"8",9';
  it("drops the BOM, accepts CRLF, joins quoted newlines and numbers lines from the start of each record", async () => {
    const out = await records(text);
    expect(out).toEqual([
      { line: 1, fields: ["h1", "h2", "h3"] },
      { line: 2, fields: ["1", "two, and\nmore", "3"] },
      { line: 5, fields: ["4", "5", "6"] },
      { line: 6, fields: ["7", "8", "9"] },
    ]);
  });
  it("gives the same records whatever the chunk boundaries", async () => {
    const whole = await records(text);
    for (const size of [1, 2, 3, 7]) expect(await records(text, size)).toEqual(whole);
  });
  it("reports an unterminated quote with its line", async () => {
    await expect(records('h\n"open\nstill open')).rejects.toThrow(/line 2: unterminated/);
  });
});

describe("openCsvSource", () => {
  const csv = "a,b\n1,é\n";
  it("reads gzip by magic bytes and hashes the decompressed bytes", async () => {
    const plain = openCsvSource(bytes(Buffer.from(csv), 3));
    const gz = openCsvSource(bytes(gzipSync(Buffer.from(csv)), 5));
    let a = "";
    for await (const c of plain.chunks) a += c;
    let b = "";
    for await (const c of gz.chunks) b += c;
    expect(a).toBe(csv);
    expect(b).toBe(csv);
    expect(plain.hash()).toBe(createHash("sha256").update(csv).digest("hex"));
    expect(gz.hash()).toBe(plain.hash());
  });
  it("decodes multi-byte characters split across chunks", async () => {
    const src = openCsvSource(bytes(Buffer.from("x\n€€€\n"), 1));
    let text = "";
    for await (const c of src.chunks) text += c;
    expect(text).toBe("x\n€€€\n");
  });
});
