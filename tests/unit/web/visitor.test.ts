// The remembered visitor hash must be exactly the plain one (same day string, same inputs).
import { describe, expect, it } from "vitest";
import { visitorHash, visitorHashOnDay } from "@/lib/web/visitor";

const DAY_MS = 86_400_000;
const sender = { websiteId: "site-1", ip: "198.51.100.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };

describe("visitorHashOnDay", () => {
  it("equals visitorHash on that UTC day, first computed and then remembered", () => {
    const day = Math.floor(Date.UTC(2026, 2, 16, 23, 59) / DAY_MS);
    const expected = visitorHash({ ...sender, day: "2026-03-16" });
    expect(visitorHashOnDay(sender, day)).toBe(expected);
    expect(visitorHashOnDay(sender, day)).toBe(expected);
  });

  it("differs by day, site, address and user agent", () => {
    const day = Math.floor(Date.UTC(2026, 2, 16) / DAY_MS);
    const base = visitorHashOnDay(sender, day);
    expect(visitorHashOnDay(sender, day + 1)).toBe(visitorHash({ ...sender, day: "2026-03-17" }));
    expect(visitorHashOnDay(sender, day + 1)).not.toBe(base);
    expect(visitorHashOnDay({ ...sender, websiteId: "site-2" }, day)).not.toBe(base);
    expect(visitorHashOnDay({ ...sender, ip: "198.51.100.8" }, day)).not.toBe(base);
    expect(visitorHashOnDay({ ...sender, userAgent: "Mozilla/5.0 Other" }, day)).not.toBe(base);
  });

  it("keeps answering correctly after the remembered hashes were emptied", () => {
    const day = Math.floor(Date.UTC(2026, 2, 16) / DAY_MS);
    for (let i = 0; i < 10_050; i++) visitorHashOnDay({ ...sender, ip: `10.0.${i >> 8}.${i & 255}` }, day);
    expect(visitorHashOnDay(sender, day)).toBe(visitorHash({ ...sender, day: "2026-03-16" }));
  });
});
