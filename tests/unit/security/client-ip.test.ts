import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientIpFrom, installPeerAddressHeader, PEER_HEADER } from "@/lib/auth/client-ip";

afterEach(() => {
  delete process.env.BANDWATCH_TRUST_PROXY;
});

const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;

describe("client address", () => {
  it("ignores X-Forwarded-For unless a proxy is trusted", () => {
    const h = headers({ "x-forwarded-for": "1.2.3.4", [PEER_HEADER]: "10.0.0.9" });
    expect(clientIpFrom(h)).toBe("10.0.0.9");
    process.env.BANDWATCH_TRUST_PROXY = "1";
    expect(clientIpFrom(h)).toBe("1.2.3.4");
  });

  it("takes the address the trusted proxies appended, not what the client prepended", () => {
    const h = headers({ "x-forwarded-for": "6.6.6.6, 1.2.3.4, 10.0.0.2", [PEER_HEADER]: "10.0.0.1" });
    process.env.BANDWATCH_TRUST_PROXY = "true";
    expect(clientIpFrom(h)).toBe("10.0.0.2");
    process.env.BANDWATCH_TRUST_PROXY = "2";
    expect(clientIpFrom(h)).toBe("1.2.3.4");
  });

  it("copies the socket address into its own header, overwriting a forged one", async () => {
    installPeerAddressHeader();
    let seen: IncomingMessage["headers"] = {};
    const server = createServer((req, res) => {
      seen = req.headers;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(seen[PEER_HEADER]).toBe("127.0.0.1");
    expect(clientIpFrom((name) => (typeof seen[name] === "string" ? (seen[name] as string) : null))).toBe("127.0.0.1");
  });
});
