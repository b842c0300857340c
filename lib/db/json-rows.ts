// Bulk inserts with the whole batch in ONE bound parameter: a JSON array of rows that the
// database unpacks itself (SQLite's json_each, PostgreSQL's jsonb_array_elements). Through the
// ORM every bound value costs its own serialisation and mapping: a rebuild's 178,000 band rows
// took 3.8 s as multi-row INSERTs with ten parameters a row, 0.6 s this way, and creating
// anomalies with createManyAndReturn cost 0.5 ms a row (issue 12). Numbers survive exactly:
// JSON.stringify writes the shortest round-trip form and both databases parse it correctly rounded.
import { dbProvider, type Db } from "./client";
import { storedInstant } from "./stored-instant";

/** A column's type: how PostgreSQL casts the JSON text (SQLite stores it as its affinity says). */
export type ColumnType = "text" | "int" | "float" | "bool" | "timestamp" | "json" | { enum: string };

export type ColumnSpec = Readonly<Record<string, ColumnType>>;

type ValueOf<T extends ColumnType> = T extends "text"
  ? string
  : T extends "int" | "float"
    ? number
    : T extends "bool"
      ? boolean
      : T extends "timestamp"
        ? Date
        : T extends "json"
          ? unknown
          : string;

/** A row of a table: every column given (null where the column allows it). */
export type RowOf<S extends ColumnSpec> = { [K in keyof S]: ValueOf<S[K]> | null };

export interface TableSpec<S extends ColumnSpec> {
  table: string;
  columns: S;
}

/** Rows per statement: a few megabytes of JSON at most. */
const JSON_BATCH = 5000;

function jsonValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === "timestamp") return value instanceof Date ? storedInstant(value) : null;
  // A JSON column travels as its text: ->> then hands over exactly what the column stores.
  if (type === "json") return JSON.stringify(value);
  return value;
}

/** Each column's value out of the JSON row `row` (its k-th element), cast for PostgreSQL. */
function columnValues(types: readonly ColumnType[], row: string, postgres: boolean): string[] {
  return types.map((type, i) => {
    if (!postgres) return `${row}->>${i}`;
    const text = `(${row}->>${i})`;
    if (type === "text") return text;
    if (type === "int") return `${text}::integer`;
    if (type === "float") return `${text}::double precision`;
    if (type === "bool") return `${text}::boolean`;
    if (type === "timestamp") return `${text}::timestamp(3)`;
    if (type === "json") return `${text}::jsonb`;
    return `${text}::"${type.enum}"`;
  });
}

/** The batch as the one JSON parameter: per row, its values in the spec's column order. */
function jsonBatch<S extends ColumnSpec>(spec: TableSpec<S>, rows: ReadonlyArray<RowOf<S>>): string {
  const names = columnNames(spec.columns);
  return JSON.stringify(rows.map((row) => names.map((name) => jsonValue(spec.columns[name], row[name]))));
}

export interface InsertOptions<S extends ColumnSpec> {
  /** Columns of a unique key: rows that would duplicate a stored one are skipped (ON CONFLICT DO NOTHING). */
  skipConflictsOn?: ReadonlyArray<keyof S & string>;
  /** Columns to hand back for every inserted row (in no particular order: match them by a key). */
  returning?: readonly string[];
}

/** The spec's column names, typed as its keys (Object.keys answers string[]). */
function columnNames<S extends ColumnSpec>(columns: S): Array<keyof S & string> {
  return Object.keys(columns).filter((name): name is keyof S & string => name in columns);
}

/** The client or an interactive transaction's client. */
export type JsonRowWriter = Pick<Db, "$executeRawUnsafe" | "$queryRawUnsafe">;

/**
 * Inserts `rows` into `spec.table` in statements of JSON_BATCH rows. Returns the `returning`
 * columns of the rows inserted (an empty list without `returning`).
 */
export async function insertJsonRows<S extends ColumnSpec>(client: JsonRowWriter, spec: TableSpec<S>, rows: ReadonlyArray<RowOf<S>>, options: InsertOptions<S> = {}): Promise<Array<Record<string, unknown>>> {
  const postgres = dbProvider() === "postgresql";
  const names = columnNames(spec.columns);
  const values = columnValues(names.map((name) => spec.columns[name]), postgres ? "v" : "value", postgres).join(", ");
  const source = postgres ? `FROM jsonb_array_elements($1::jsonb) AS r(v)` : `FROM json_each(?) WHERE true`;
  const conflict = options.skipConflictsOn ? ` ON CONFLICT (${options.skipConflictsOn.map((c) => `"${c}"`).join(", ")}) DO NOTHING` : "";
  const returning = options.returning?.length ? ` RETURNING ${options.returning.map((c) => `"${c}"`).join(", ")}` : "";
  const sql = `INSERT INTO "${spec.table}" (${names.map((c) => `"${c}"`).join(", ")}) SELECT ${values} ${source}${conflict}${returning}`;
  const out: Array<Record<string, unknown>> = [];
  for (let i = 0; i < rows.length; i += JSON_BATCH) {
    const json = jsonBatch(spec, rows.slice(i, i + JSON_BATCH));
    if (returning) out.push(...(await client.$queryRawUnsafe<Array<Record<string, unknown>>>(sql, json)));
    else await client.$executeRawUnsafe(sql, json);
  }
  return out;
}

/**
 * Sets the stored rows matched by the `keys` columns to each row's other columns, in statements
 * of JSON_BATCH rows (UPDATE … FROM the unpacked batch). Returns how many rows it changed.
 */
export async function updateJsonRows<S extends ColumnSpec>(client: JsonRowWriter, spec: TableSpec<S>, keys: ReadonlyArray<keyof S & string>, rows: ReadonlyArray<RowOf<S>>): Promise<number> {
  const postgres = dbProvider() === "postgresql";
  const names = columnNames(spec.columns);
  const values = columnValues(names.map((name) => spec.columns[name]), postgres ? "j.v" : "j.value", postgres);
  const set = names.flatMap((name, i) => (keys.includes(name) ? [] : [`"${name}" = ${values[i]}`])).join(", ");
  const match = keys.map((key) => `"${spec.table}"."${key}" = ${values[names.indexOf(key)]}`).join(" AND ");
  const source = postgres ? `jsonb_array_elements($1::jsonb) AS j(v)` : `json_each(?) AS j`;
  const sql = `UPDATE "${spec.table}" SET ${set} FROM ${source} WHERE ${match}`;
  let changed = 0;
  for (let i = 0; i < rows.length; i += JSON_BATCH) changed += await client.$executeRawUnsafe(sql, jsonBatch(spec, rows.slice(i, i + JSON_BATCH)));
  return changed;
}
