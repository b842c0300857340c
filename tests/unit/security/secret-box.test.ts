import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";

const saved = { key: process.env.BANDWATCH_SECRET_KEY, nextauth: process.env.NEXTAUTH_SECRET };
beforeEach(() => {
  delete process.env.BANDWATCH_SECRET_KEY;
  process.env.NEXTAUTH_SECRET = "unit-test-nextauth-secret";
});
afterEach(() => {
  process.env.BANDWATCH_SECRET_KEY = saved.key;
  process.env.NEXTAUTH_SECRET = saved.nextauth;
  if (saved.key === undefined) delete process.env.BANDWATCH_SECRET_KEY;
  if (saved.nextauth === undefined) delete process.env.NEXTAUTH_SECRET;
});

describe("secret box (AES-256-GCM)", () => {
  it("round-trips with a fresh IV each time and never stores the plain text", () => {
    const a = sealSecret("whsec_abc123");
    const b = sealSecret("whsec_abc123");
    expect(a).not.toBe(b);
    expect(a).not.toContain("abc123");
    expect(openSecret(a)).toBe("whsec_abc123");
  });

  it("refuses tampered data and a different key", () => {
    const sealed = sealSecret("whsec_abc123");
    const parts = sealed.split(":");
    const data = Buffer.from(parts[4], "base64url");
    data[0] ^= 1;
    expect(openSecret([...parts.slice(0, 4), data.toString("base64url")].join(":"))).toBeNull();
    process.env.BANDWATCH_SECRET_KEY = "a".repeat(64);
    expect(openSecret(sealed)).toBeNull();
    const withKey = sealSecret("whsec_xyz");
    expect(openSecret(withKey)).toBe("whsec_xyz");
    process.env.BANDWATCH_SECRET_KEY = "another passphrase";
    expect(openSecret(withKey)).toBeNull();
  });

  it("passes legacy plain-text values through so they can be sealed", () => {
    expect(openSecret("whsec_plain")).toBe("whsec_plain");
  });
});
