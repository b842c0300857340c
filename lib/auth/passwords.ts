// Passwords are stored as scrypt hashes: `scrypt$N$r$p$salt$hash` (base64url). The cost is
// OWASP's recommendation (N = 2^17, r = 8, p = 1: 128 MiB and a few hundred ms per hash);
// hashes made with a lower cost are upgraded at the user's next successful sign-in.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

export const SCRYPT_N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
// scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is below that.
const MAX_MEM = 2 * 128 * SCRYPT_N * R;
// Stored parameters are data: never let a row ask for more than this.
const MAX_STORED_N = 2 ** 20;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, KEY_LENGTH, { ...options, maxmem: Math.max(MAX_MEM, 2 * 128 * (options.N ?? 0) * (options.r ?? R)) }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N: SCRYPT_N, r: R, p: P });
  return ["scrypt", SCRYPT_N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface Parsed {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): Parsed | null {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  const N = Number(n);
  const rr = Number(r);
  const pp = Number(p);
  if (scheme !== "scrypt" || !salt || !hash) return null;
  if (!Number.isInteger(N) || N < 2 || N > MAX_STORED_N || (N & (N - 1)) !== 0) return null;
  if (!Number.isInteger(rr) || rr < 1 || rr > 32 || !Number.isInteger(pp) || pp < 1 || pp > 16) return null;
  return { n: N, r: rr, p: pp, salt: Buffer.from(salt, "base64url"), hash: Buffer.from(hash, "base64url") };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, { N: parsed.n, r: parsed.r, p: parsed.p });
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** Whether a stored hash is weaker than what hashPassword makes now. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.n < SCRYPT_N || parsed.r < R;
}

let dummy: Promise<string> | null = null;

/** A hash of a random password made with the current cost, computed once. */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString("base64url"));
  return dummy;
}

/**
 * Spends the same work as checking a real password, for e-mails that have no account, so the
 * answer time does not tell which accounts exist. Always false.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  await verifyPassword(password, await dummyPasswordHash());
  return false;
}

/** A readable random password for generated demo accounts. */
export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}
