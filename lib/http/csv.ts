// CSV downloads of list endpoints: a handler returns `jsonOrCsv(request, body, rows, name)`
// and a client sending `Accept: text/csv` gets the rows as a CSV file instead of JSON.
type Cell = string | number | boolean | null | undefined | object;

/** True when the client asks for CSV ahead of JSON. */
export function wantsCsv(request: Request): boolean {
  const accept = (request.headers.get("accept") ?? "").toLowerCase();
  if (!accept.includes("text/csv")) return false;
  const json = accept.indexOf("application/json");
  return json < 0 || accept.indexOf("text/csv") < json;
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "object" ? JSON.stringify(value) : String(value);
  // Spreadsheet formula injection: text that starts like a formula is prefixed with a quote.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: ReadonlyArray<Record<string, Cell>>, columns?: string[]): string {
  const header = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [header.map((h) => cell(h)).join(",")];
  for (const row of rows) lines.push(header.map((h) => cell(row[h])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export function csvResponse(rows: ReadonlyArray<Record<string, Cell>>, filename: string, columns?: string[]): Response {
  return new Response(toCsv(rows, columns), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"` },
  });
}

export function jsonOrCsv<T extends object>(request: Request, body: T, rows: ReadonlyArray<object>, filename: string): T | Response {
  return wantsCsv(request) ? csvResponse(rows as ReadonlyArray<Record<string, Cell>>, filename) : body;
}

export function csvWithHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}
