// Cost allocation tags (issue 13): FOCUS `Tags` (a JSON object), CUR `resource_tags_*` columns
// (or CUR 2.0's `resource_tags` map) and the JSON ingest rows' `tags` become key/value pairs per
// cost line, summed per day × service × account × source into CostEntryTag. Each key keeps at
// most TAG_VALUES_PER_KEY distinct values per provider; later ones are stored as "(other)", so a
// tag such as a request id cannot grow storage without bound.
import { db, type Db } from "@/lib/db/client";
import { MAX_TAG_KEYS_PER_PROVIDER, normalizeTags, OTHER_TAG_VALUE, TAG_VALUES_PER_KEY, type TagPairs } from "./tag-parse";

export interface TagRow {
  day: string;
  service: string;
  subAccount: string;
  source: string;
  key: string;
  value: string;
  amount: number;
}

const SEP = "\u001f";

/** Sums tagged amounts to the CostEntryTag grain. */
export class TagAggregates {
  private readonly byKey = new Map<string, TagRow>();

  add(line: { day: string; service: string; subAccount: string; amount: number; tags?: TagPairs }, source: string): void {
    for (const [key, value] of line.tags ?? []) {
      const id = [line.day, line.service, line.subAccount, source, key, value].join(SEP);
      const row = this.byKey.get(id);
      if (row) row.amount += line.amount;
      else this.byKey.set(id, { day: line.day, service: line.service, subAccount: line.subAccount, source, key, value, amount: line.amount });
    }
  }

  rows(): TagRow[] {
    return [...this.byKey.values()];
  }
}

/** What a write replaces: a day's rows of one source for these accounts (and, for JSON ingest, these services only). */
export interface TagScope {
  day: string;
  source: string;
  subAccounts: string[];
  services?: string[];
}

type TagClient = Pick<Db, "costEntryTag">;

/** Applies the per-key bounds: new keys past MAX_TAG_KEYS_PER_PROVIDER are dropped, new values past TAG_VALUES_PER_KEY become "(other)". */
async function boundCardinality(orgId: string, providerId: number, rows: TagRow[], client: TagClient): Promise<TagRow[]> {
  const stored = await client.costEntryTag.groupBy({ by: ["key", "value"], where: { orgId, providerId } });
  const values = new Map<string, Set<string>>();
  for (const s of stored) {
    let set = values.get(s.key);
    if (!set) values.set(s.key, (set = new Set()));
    if (s.value !== OTHER_TAG_VALUE) set.add(s.value);
  }
  // The largest new values get the free places.
  const ordered = [...rows].sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount));
  const merged = new Map<string, TagRow>();
  for (const row of ordered) {
    let set = values.get(row.key);
    if (!set) {
      if (values.size >= MAX_TAG_KEYS_PER_PROVIDER) continue;
      values.set(row.key, (set = new Set()));
    }
    if (!set.has(row.value) && set.size < TAG_VALUES_PER_KEY) set.add(row.value);
    const value = set.has(row.value) ? row.value : OTHER_TAG_VALUE;
    const id = [row.day, row.service, row.subAccount, row.source, row.key, value].join(SEP);
    const existing = merged.get(id);
    if (existing) existing.amount += row.amount;
    else merged.set(id, { ...row, value });
  }
  return [...merged.values()];
}

/** Replaces the tag rows of `scopes` with `rows` (skipped entirely for a provider that never had tags and gets none). */
export async function replaceCostTags(orgId: string, providerId: number, scopes: TagScope[], rows: TagRow[], client: TagClient = db()): Promise<number> {
  if (rows.length === 0 && (await client.costEntryTag.findFirst({ where: { orgId, providerId }, select: { id: true } })) === null) return 0;
  for (const scope of scopes) {
    await client.costEntryTag.deleteMany({
      where: { orgId, providerId, day: scope.day, source: scope.source, subAccount: { in: scope.subAccounts }, ...(scope.services ? { service: { in: scope.services } } : {}) },
    });
  }
  const bounded = await boundCardinality(orgId, providerId, rows, client);
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  for (let i = 0; i < bounded.length; i += 1000) {
    await client.costEntryTag.createMany({ data: bounded.slice(i, i + 1000).map((r) => ({ orgId, providerId, ...r, amount: round(r.amount) })) });
  }
  return bounded.length;
}

/** An import's scopes: per day, each source's accounts (the slices its CostEntry write replaced). */
export function importTagScopes(entries: Array<{ day: string; source: string; subAccount: string }>): TagScope[] {
  const byDaySource = new Map<string, TagScope>();
  for (const e of entries) {
    const id = `${e.day}${SEP}${e.source}`;
    let scope = byDaySource.get(id);
    if (!scope) byDaySource.set(id, (scope = { day: e.day, source: e.source, subAccounts: [] }));
    if (!scope.subAccounts.includes(e.subAccount)) scope.subAccounts.push(e.subAccount);
  }
  return [...byDaySource.values()];
}

/**
 * JSON ingest: the request's tagged rows, replacing the tags of each (date, service, account)
 * it sends (rows that set a key's amount replace; they do not add to earlier requests).
 */
export function apiTagChanges(rows: Array<{ date: string; service: string; account_id?: string; amount: number; charge_category?: string; tags?: Record<string, string> }>, source: string): { scopes: TagScope[]; rows: TagRow[] } {
  const aggregates = new TagAggregates();
  const scopes = new Map<string, TagScope>();
  for (const r of rows) {
    const subAccount = r.account_id ?? "";
    const id = `${r.date}${SEP}${subAccount}`;
    let scope = scopes.get(id);
    if (!scope) scopes.set(id, (scope = { day: r.date, source, subAccounts: [subAccount], services: [] }));
    if (!scope.services?.includes(r.service)) scope.services?.push(r.service);
    if ((r.charge_category ?? "usage") === "usage" && r.tags) aggregates.add({ day: r.date, service: r.service, subAccount, amount: r.amount, tags: normalizeTags(Object.entries(r.tags)) }, source);
  }
  return { scopes: [...scopes.values()], rows: aggregates.rows() };
}
