// Equal work for unknown e-mails: a sign-in for an address without an account runs the same
// scrypt check (same cost parameters) as one with a wrong password, so the answer time does not
// reveal which accounts exist. Checked structurally here (timings belong in benchmarks).
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";

vi.mock("@/lib/auth/passwords", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/passwords")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword), verifyDummyPassword: vi.fn(real.verifyDummyPassword) };
});

const passwords = await import("@/lib/auth/passwords");
const { checkCredentials } = await import("@/lib/auth/sign-in");

describe("sign-in work for unknown e-mails", () => {
  it("runs a full-cost scrypt check whether or not the account exists", async () => {
    const email = `work-${randomUUID().slice(0, 8)}@auth.test`;
    await db().user.create({ data: { email, passwordHash: await passwords.hashPassword("work-password-1") } });
    vi.mocked(passwords.verifyPassword).mockClear();
    expect(await checkCredentials(`nobody-${randomUUID()}@auth.test`, "whatever")).toBeNull();
    expect(passwords.verifyDummyPassword).toHaveBeenCalledTimes(1);
    expect(passwords.verifyPassword).not.toHaveBeenCalled();
    // The dummy check verifies against a hash made with the current cost.
    expect((await passwords.dummyPasswordHash()).split("$")[1]).toBe(String(passwords.SCRYPT_N));
    vi.mocked(passwords.verifyDummyPassword).mockClear();
    expect(await checkCredentials(email, "wrong")).toBeNull();
    expect(passwords.verifyDummyPassword).not.toHaveBeenCalled();
    const realHash = vi.mocked(passwords.verifyPassword).mock.calls.at(-1)?.[1] ?? "";
    expect(realHash.split("$")[1]).toBe(String(passwords.SCRYPT_N));
  });
});
