// Where to send a user after sign-in: only a path on this site, so the login page cannot be
// used as an open redirect. Browsers strip TAB/CR/LF anywhere in a URL and treat "\" like "/",
// so "/\t/evil.example" or "/\\evil.example" would leave the site: any control character,
// whitespace or backslash (raw or percent-encoded) is refused, and what is left must resolve
// to the same origin as a relative reference.
const BASE = "http://bandwatch.invalid";
const UNSAFE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/;

function decodedForms(raw: string): string[] | null {
  const forms = [raw];
  let current = raw;
  // Two rounds cover a double-encoded "%2509"; a malformed escape is refused outright.
  for (let i = 0; i < 2; i++) {
    try {
      const next = decodeURIComponent(current);
      if (next === current) break;
      forms.push(next);
      current = next;
    } catch {
      return null;
    }
  }
  return forms;
}

function isSafePath(form: string): boolean {
  if (!form.startsWith("/") || form.startsWith("//") || UNSAFE.test(form)) return false;
  try {
    const url = new URL(form, BASE);
    return url.origin === BASE;
  } catch {
    return false;
  }
}

export function safeCallbackUrl(value: string | string[] | null | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || raw.length > 2000) return "/";
  const forms = decodedForms(raw);
  if (!forms || !forms.every(isSafePath)) return "/";
  const url = new URL(raw, BASE);
  if (url.pathname.startsWith("/login") || url.pathname.startsWith("/api/")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

export function loginUrl(callbackPath: string): string {
  return `/login?callbackUrl=${encodeURIComponent(callbackPath)}`;
}
