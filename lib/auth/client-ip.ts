// The client's address, for rate limits and the visitor hash (never stored). Next's server sets
// X-Forwarded-For to the socket address only when the client did not send one, so the header
// alone is forgeable: it is believed only with BANDWATCH_TRUST_PROXY (the number of proxies in
// front of the app, or "true" for one). Otherwise the socket address is used, which a small
// hook on the HTTP server copies into a header of our own for every request (overwriting
// whatever the client put there).
import { setting } from "@/lib/config";
import http, { type IncomingMessage } from "node:http";

export const PEER_HEADER = "x-bandwatch-peer";

export const trustedProxyHops = () => setting("BANDWATCH_TRUST_PROXY");

type HeaderGetter = (name: string) => string | null | undefined;

export function clientIpFrom(get: HeaderGetter): string {
  const hops = trustedProxyHops();
  if (hops > 0) {
    // Each trusted proxy appends the address it saw: the client is `hops` entries from the end.
    const chain = (get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const ip = chain[Math.max(0, chain.length - hops)];
    if (ip) return ip.slice(0, 64);
  }
  return get(PEER_HEADER)?.trim().slice(0, 64) || "unknown";
}

export function clientIp(headers: Headers): string {
  return clientIpFrom((name) => headers.get(name));
}

type Emit = typeof http.Server.prototype.emit;
const marker = globalThis as unknown as { __bandwatchPeerHook?: boolean };

/** Called once at server start (instrumentation.ts). */
export function installPeerAddressHeader(): void {
  if (marker.__bandwatchPeerHook) return;
  marker.__bandwatchPeerHook = true;
  const original: Emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return Reflect.apply(original, this, [event, ...args]) as boolean;
  } as Emit;
}
