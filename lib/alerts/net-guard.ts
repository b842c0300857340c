// Outbound requests for webhook and Slack alerts may only reach public internet addresses:
// an admin must not be able to make the server call loopback, private networks, link-local
// or cloud metadata endpoints (and use "Send test" as a port scanner). The check runs when a
// destination is saved and again at send time inside the socket's DNS lookup, so the
// connection goes to exactly the address that was checked (a DNS rebinding answer that
// changes between check and connect cannot slip through). Self-hosters who run an internal
// receiver allow it explicitly with BANDWATCH_ALERT_ALLOW_HOSTS (hostnames, IPs or CIDRs).
import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { setting } from "@/lib/config";

const BLOCKED_V4 = [
  "0.0.0.0/8", // "this network"
  "10.0.0.0/8",
  "100.64.0.0/10", // carrier-grade NAT
  "127.0.0.0/8",
  "169.254.0.0/16", // link-local, incl. 169.254.169.254 metadata
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.88.99.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, incl. broadcast
];
const BLOCKED_V6 = [
  "::/128",
  "::1/128",
  "100::/64", // discard
  "2001:db8::/32",
  "fc00::/7", // unique local, incl. fd00:ec2::254 (AWS metadata over IPv6)
  "fe80::/10", // link-local
  "fec0::/10",
  "ff00::/8", // multicast
];

const blocked = new BlockList();
for (const cidr of BLOCKED_V4) blocked.addSubnet(cidr.split("/")[0], Number(cidr.split("/")[1]), "ipv4");
for (const cidr of BLOCKED_V6) blocked.addSubnet(cidr.split("/")[0], Number(cidr.split("/")[1]), "ipv6");

function hextets(ip: string): number[] | null {
  // Expands an IPv6 address (with an optional dotted IPv4 tail) into 8 numbers.
  let text = ip.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const parts = dotted[1].split(".").map(Number);
    text = text.slice(0, -dotted[1].length) + `${((parts[0] << 8) | parts[1]).toString(16)}:${((parts[2] << 8) | parts[3]).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const a = head ? head.split(":") : [];
  const b = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array<string>(8 - a.length - b.length).fill("0");
  const all = [...a, ...fill, ...b].map((h) => parseInt(h, 16));
  return all.length === 8 && all.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? all : null;
}

/** The IPv4 address an IPv6 address embeds (mapped, compatible, NAT64, 6to4), if any. */
export function embeddedIPv4(ip: string): string | null {
  const h = hextets(ip);
  if (!h) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zeros = (from: number, to: number) => h.slice(from, to).every((n) => n === 0);
  if (zeros(0, 5) && (h[5] === 0xffff || h[5] === 0)) return v4(h[6], h[7]); // ::ffff:a.b.c.d and ::a.b.c.d
  if (h[0] === 0x64 && h[1] === 0xff9b && zeros(2, 6)) return v4(h[6], h[7]); // NAT64 64:ff9b::/96
  if (h[0] === 0x2002) return v4(h[1], h[2]); // 6to4
  return null;
}

/** Whether an IP address is one alerts must never reach (unless explicitly allowed). */
export function isBlockedAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, "ipv4");
  if (family !== 6) return true;
  const bare = ip.replace(/%.*$/, ""); // zone ids (fe80::1%eth0) only occur on link-local addresses
  const inner = embeddedIPv4(bare);
  if (inner !== null) return blocked.check(inner, "ipv4") || inner === "0.0.0.0";
  return blocked.check(bare, "ipv6");
}

interface AllowList {
  hosts: Set<string>;
  nets: BlockList;
}

function allowList(): AllowList {
  const hosts = new Set<string>();
  const nets = new BlockList();
  for (const raw of setting("BANDWATCH_ALERT_ALLOW_HOSTS")) {
    const entry = raw.toLowerCase().replace(/^\[|\]$/g, "");
    if (!entry) continue;
    const [addr, bits] = entry.split("/");
    const family = isIP(addr);
    if (family === 0) hosts.add(entry);
    else if (bits === undefined) nets.addAddress(addr, family === 4 ? "ipv4" : "ipv6");
    else if (Number.isInteger(Number(bits))) nets.addSubnet(addr, Number(bits), family === 4 ? "ipv4" : "ipv6");
  }
  return { hosts, nets };
}

function allowedAddress(ip: string, allow: AllowList): boolean {
  if (isIP(ip) === 4) return allow.nets.check(ip, "ipv4");
  const inner = embeddedIPv4(ip);
  return inner !== null ? allow.nets.check(inner, "ipv4") : allow.nets.check(ip, "ipv6");
}

/** Whether an address may be used for a destination whose URL names `hostname`. */
export function addressPermitted(hostname: string, ip: string): boolean {
  const allow = allowList();
  if (allow.hosts.has(hostname.toLowerCase())) return true;
  return allowedAddress(ip, allow) || !isBlockedAddress(ip);
}

export class BlockedDestinationError extends Error {
  constructor() {
    super("destination address is not allowed");
    this.name = "BlockedDestinationError";
  }
}

type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** The URL's host without IPv6 brackets. */
export function urlHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

/**
 * Resolves a hostname and returns the addresses to connect to, refusing the whole host when any
 * of its addresses is blocked (so a host cannot mix a public and an internal answer).
 */
export async function resolvePermitted(hostname: string, resolver: Resolver = systemResolver): Promise<LookupAddress[]> {
  const literal = isIP(hostname);
  const addresses = literal ? [{ address: hostname, family: literal }] : await resolver(hostname);
  if (addresses.length === 0 || addresses.some((a) => !addressPermitted(hostname, a.address))) throw new BlockedDestinationError();
  return addresses;
}

/** Save-time check of a destination URL; false for internal or unresolvable targets. */
export async function isPermittedUrl(raw: string, resolver: Resolver = systemResolver): Promise<boolean> {
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    await resolvePermitted(urlHostname(url), resolver);
    return true;
  } catch {
    return false;
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request/net.connect that only ever hands out checked addresses. */
export function guardedLookup(resolver: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolvePermitted(hostname, resolver).then(
      (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family)),
      (error: unknown) => callback(error instanceof BlockedDestinationError ? error : new BlockedDestinationError(), "", 0),
    );
  };
}
