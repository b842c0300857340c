// The dashboard's one way to call the app's own JSON routes: same-origin fetch with
// the session cookie, and errors turned into ApiError carrying the server's code and
// message so forms can show them inline.

export interface ApiErrorDetail {
  field?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: ApiErrorDetail[] } | string;
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      headers: init.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* a non-JSON body (e.g. a proxy error page) is reported by status below */
  }
  if (!response.ok) {
    const err = (parsed as ErrorBody | null)?.error;
    if (err && typeof err === "object") {
      throw new ApiError(response.status, err.code ?? "error", err.message ?? `Request failed (${response.status})`, err.details ?? []);
    }
    const fallback = response.status === 401 ? "Your session has ended. Sign in again." : `Request failed (${response.status})`;
    throw new ApiError(response.status, response.status === 401 ? "unauthorized" : "error", fallback);
  }
  return parsed as T;
}

/** A message fit to show a user for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong";
}
