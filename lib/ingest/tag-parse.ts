// Parsing of cost allocation tags (issue 13): FOCUS `Tags` (a JSON object), CUR
// `resource_tags_*` columns (or CUR 2.0's `resource_tags` map). No I/O: the file formats use it.
import { parseWellFormedJson } from "@/lib/http/well-formed";
export type TagPairs = Array<[string, string]>;

export const MAX_TAGS_PER_LINE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
export const TAG_VALUES_PER_KEY = 100;
export const MAX_TAG_KEYS_PER_PROVIDER = 100;
export const OTHER_TAG_VALUE = "(other)";

/** Trimmed, non-empty, bounded pairs; a key given twice keeps its first value. */
export function normalizeTags(pairs: Iterable<[string, unknown]>): TagPairs {
  const out: TagPairs = [];
  const seen = new Set<string>();
  for (const [rawKey, rawValue] of pairs) {
    if (out.length >= MAX_TAGS_PER_LINE) break;
    if (typeof rawValue !== "string" && typeof rawValue !== "number" && typeof rawValue !== "boolean") continue;
    const key = rawKey.trim();
    const value = String(rawValue).trim().slice(0, MAX_TAG_VALUE_LENGTH);
    if (!key || key.length > MAX_TAG_KEY_LENGTH || !value || seen.has(key)) continue;
    seen.add(key);
    out.push([key, value]);
  }
  return out;
}

const parsedCache = new Map<string, TagPairs>();

/** A JSON object of tags ({"team":"search"}); anything else carries no tags (the cost line itself stays valid). Exports repeat a few tag sets many times, hence the cache. */
export function parseTagObject(raw: string): TagPairs {
  const text = raw.trim();
  if (!text) return [];
  const cached = parsedCache.get(text);
  if (cached) return cached;
  let pairs: TagPairs = [];
  try {
    const value = parseWellFormedJson(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) pairs = normalizeTags(Object.entries(value));
  } catch {
    pairs = [];
  }
  if (parsedCache.size > 10_000) parsedCache.clear();
  parsedCache.set(text, pairs);
  return pairs;
}

/** CUR tag columns: `resource_tags_<key>` (one column per key) and `resource_tags` (a JSON map). */
export function curTagColumns(header: string[]): { perKey: Array<{ index: number; key: string }>; map: number } {
  const perKey: Array<{ index: number; key: string }> = [];
  let map = -1;
  header.forEach((name, index) => {
    const column = name.trim();
    if (column === "resource_tags") map = index;
    else if (column.startsWith("resource_tags_") && column.length > "resource_tags_".length) perKey.push({ index, key: column.slice("resource_tags_".length) });
  });
  return { perKey, map };
}

export function curTags(fields: string[], columns: ReturnType<typeof curTagColumns>): TagPairs {
  const fromMap = columns.map >= 0 ? parseTagObject(fields[columns.map] ?? "") : [];
  if (columns.perKey.length === 0) return fromMap;
  return normalizeTags([...columns.perKey.map((c): [string, string] => [c.key, fields[c.index] ?? ""]), ...fromMap]);
}
