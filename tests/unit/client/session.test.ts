// The organization switch and sign-out call next-auth's endpoints themselves (lib/client/session.ts)
// instead of importing next-auth/react into every dashboard page: the requests must stay next-auth's.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/client/api";
import { fetchCsrfToken, switchOrganization } from "@/lib/client/session";

afterEach(() => vi.unstubAllGlobals());

function stubFetch(answers: Record<string, () => Response>) {
  const fetch = vi.fn(async (url: string, _init?: RequestInit) => {
    const answer = answers[url];
    if (!answer) throw new TypeError(`unexpected ${url}`);
    return answer();
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

describe("fetchCsrfToken", () => {
  it("reads next-auth's token, and gives undefined when there is none", async () => {
    stubFetch({ "/api/auth/csrf": () => Response.json({ csrfToken: "tok" }) });
    expect(await fetchCsrfToken()).toBe("tok");
    stubFetch({ "/api/auth/csrf": () => new Response("<html>", { status: 502 }) });
    expect(await fetchCsrfToken()).toBeUndefined();
  });
});

describe("switchOrganization", () => {
  it("posts next-auth's session update with the token", async () => {
    const fetch = stubFetch({ "/api/auth/csrf": () => Response.json({ csrfToken: "tok" }), "/api/auth/session": () => Response.json({}) });
    await switchOrganization("org-2");
    const [url, init] = fetch.mock.calls[1];
    expect(url).toBe("/api/auth/session");
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body))).toEqual({ csrfToken: "tok", data: { orgId: "org-2" } });
  });

  it("throws an ApiError when the server refuses", async () => {
    stubFetch({ "/api/auth/csrf": () => Response.json({ csrfToken: "tok" }), "/api/auth/session": () => new Response(null, { status: 403 }) });
    await expect(switchOrganization("org-3")).rejects.toBeInstanceOf(ApiError);
  });
});
