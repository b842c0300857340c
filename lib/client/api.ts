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
  const parsed = parseJson(text);
  if (!response.ok) throw errorFromBody(response.status, parsed);
  return parsed as T;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // a non-JSON body (e.g. a proxy error page) is reported by its status
  }
}

function errorFromBody(status: number, parsed: unknown): ApiError {
  const err = (parsed as ErrorBody | null)?.error;
  if (err && typeof err === "object") {
    return new ApiError(status, err.code ?? "error", err.message ?? `Request failed (${status})`, err.details ?? []);
  }
  const fallback = status === 401 ? "Your session has ended. Sign in again." : `Request failed (${status})`;
  return new ApiError(status, status === 401 ? "unauthorized" : "error", fallback);
}

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/**
 * A file from one of the app's list routes (e.g. `Accept: text/csv`), with the name the
 * server suggests in Content-Disposition. Errors come back as JSON and become ApiError.
 */
export async function apiDownload(path: string, accept: string, fallbackName: string): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: "same-origin", headers: { accept } });
  } catch {
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }
  if (!response.ok) throw errorFromBody(response.status, parseJson(await response.text()));
  const disposition = response.headers.get("content-disposition") ?? "";
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  return { blob: await response.blob(), filename };
}

/** Hands a downloaded blob to the browser as a file save (object URL on a temporary link). */
export function saveFile({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke on a later task: revoking synchronously can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A message fit to show a user for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong";
}
