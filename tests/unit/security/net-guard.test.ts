import { afterEach, describe, expect, it } from "vitest";
import { addressPermitted, embeddedIPv4, guardedLookup, isBlockedAddress, isPermittedUrl, resolvePermitted, BlockedDestinationError } from "@/lib/alerts/net-guard";

const BLOCKED = [
  "127.0.0.1", "127.255.255.254", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
  "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255", "224.0.0.1", "239.255.255.250", "255.255.255.255",
  "198.18.0.1", "192.0.2.10", "::1", "::", "fe80::1", "fe80::1%eth0", "fc00::1", "fd00:ec2::254", "ff02::1",
  "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "::127.0.0.1", "64:ff9b::10.0.0.1",
  "2002:7f00:1::", "0:0:0:0:0:ffff:c0a8:0101", "not-an-ip",
];
const PUBLIC = ["93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2a00:1450:4001::200e"];

afterEach(() => {
  delete process.env.BANDWATCH_ALERT_ALLOW_HOSTS;
});

describe("outbound address guard", () => {
  it.each(BLOCKED)("blocks %s", (ip) => expect(isBlockedAddress(ip)).toBe(true));
  it.each(PUBLIC)("lets %s through", (ip) => expect(isBlockedAddress(ip)).toBe(false));

  it("finds the IPv4 address inside mapped and translated IPv6 forms", () => {
    expect(embeddedIPv4("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(embeddedIPv4("::ffff:a00:1")).toBe("10.0.0.1");
    expect(embeddedIPv4("64:ff9b::a00:1")).toBe("10.0.0.1");
    expect(embeddedIPv4("2606:4700::1")).toBeNull();
  });

  it("refuses URLs whose host is internal however it is written", async () => {
    const none = async () => [];
    for (const url of ["http://127.0.0.1:8080/", "http://[::1]/", "http://2130706433/", "http://0x7f.1/", "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "ftp://93.184.216.34/", "not a url"]) {
      expect(await isPermittedUrl(url, none), url).toBe(false);
    }
    expect(await isPermittedUrl("https://93.184.216.34/hook", none)).toBe(true);
  });

  it("refuses a hostname when any of its addresses is internal, and an unresolvable one", async () => {
    const mixed = async () => [{ address: "93.184.216.34", family: 4 }, { address: "10.0.0.5", family: 4 }];
    await expect(resolvePermitted("hooks.example", mixed)).rejects.toBeInstanceOf(BlockedDestinationError);
    expect(await isPermittedUrl("https://hooks.example/x", async () => [])).toBe(false);
    expect(await isPermittedUrl("https://hooks.example/x", async () => Promise.reject(new Error("ENOTFOUND")))).toBe(false);
  });

  it("connects to the address it checked even when DNS changes its answer (rebinding)", async () => {
    const answers = [[{ address: "93.184.216.34", family: 4 }], [{ address: "127.0.0.1", family: 4 }]];
    let call = 0;
    const rebinding = async () => answers[Math.min(call++, 1)];
    const lookup = guardedLookup(rebinding);
    const first = await new Promise<string>((resolve, reject) => lookup("rebind.example", {}, (err, address) => (err ? reject(err) : resolve(address as string))));
    expect(first).toBe("93.184.216.34");
    // The next lookup (what a later connection would use) now answers loopback: refused.
    await expect(new Promise((resolve, reject) => lookup("rebind.example", {}, (err, address) => (err ? reject(err) : resolve(address))))).rejects.toBeInstanceOf(BlockedDestinationError);
  });

  it("allows internal receivers named in BANDWATCH_ALERT_ALLOW_HOSTS only", async () => {
    expect(addressPermitted("receiver.internal", "10.0.0.7")).toBe(false);
    process.env.BANDWATCH_ALERT_ALLOW_HOSTS = "receiver.internal, 192.168.10.0/24, [fd12::1]";
    expect(addressPermitted("receiver.internal", "10.0.0.7")).toBe(true);
    expect(addressPermitted("other.internal", "10.0.0.7")).toBe(false);
    expect(addressPermitted("x", "192.168.10.20")).toBe(true);
    expect(addressPermitted("x", "::ffff:192.168.10.20")).toBe(true);
    expect(addressPermitted("x", "192.168.11.20")).toBe(false);
    expect(addressPermitted("x", "fd12::1")).toBe(true);
    expect(addressPermitted("x", "fd12::2")).toBe(false);
    expect(await isPermittedUrl("http://192.168.10.20:9000/hook", async () => [])).toBe(true);
  });
});
