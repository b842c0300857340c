// Lone UTF-16 surrogates: JSON escapes ("\ud800") let a body carry them, but no UTF-8 text can.
// PostgreSQL rejects such text (a 500 where the fuzz run found it), SQLite and a UTF-8 encoder
// write U+FFFD. Every JSON body is made well-formed once, as it is read, so both databases
// store the same thing and no handler has to think about it.

const ANY_SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** A surrogate written as a JSON escape: the only way one reaches a string decoded from UTF-8. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Text as a UTF-8 encoder writes it: a lone surrogate becomes U+FFFD. */
export function wellFormedText(text: string): string {
  // The cheap test first: almost no text has a surrogate at all.
  return ANY_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, "\ufffd") : text;
}

function wellFormedValue(value: unknown): unknown {
  if (typeof value === "string") return wellFormedText(value);
  if (Array.isArray(value)) return value.map(wellFormedValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [wellFormedText(key), wellFormedValue(inner)]));
  }
  return value;
}

/** JSON.parse, with every string and key well-formed (walked only when the text escapes a surrogate). */
export function parseWellFormedJson(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  return SURROGATE_ESCAPE.test(text) ? wellFormedValue(parsed) : parsed;
}
