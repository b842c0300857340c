// Secrets the server must be able to use again (webhook signing secrets) are stored
// encrypted with AES-256-GCM: "enc:v1:<iv>:<tag>:<ciphertext>" (base64url). The key comes from
// BANDWATCH_SECRET_KEY (32 bytes as 64 hex chars or base64, or any passphrase, which is
// stretched with HKDF); without it, it is derived from NEXTAUTH_SECRET with HKDF so a default
// install encrypts too. Changing the key makes stored secrets unreadable: rotate them then.
import { setting } from "@/lib/config";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const PREFIX = "enc:v1:";

function keyFromEnv(): Buffer {
  const explicit = setting("BANDWATCH_SECRET_KEY");
  if (explicit) {
    if (/^[0-9a-f]{64}$/i.test(explicit)) return Buffer.from(explicit, "hex");
    const b64 = Buffer.from(explicit, "base64");
    if (b64.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(explicit)) return b64;
    return Buffer.from(hkdfSync("sha256", explicit, "bandwatch", "bandwatch secret key", 32));
  }
  const fallback = setting("NEXTAUTH_SECRET");
  if (!fallback) throw new Error("Set BANDWATCH_SECRET_KEY (or NEXTAUTH_SECRET) to store alert signing secrets");
  return Buffer.from(hkdfSync("sha256", fallback, "bandwatch", "bandwatch secret key from NEXTAUTH_SECRET", 32));
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFromEnv(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${iv.toString("base64url")}:${cipher.getAuthTag().toString("base64url")}:${data.toString("base64url")}`;
}

/** The plain secret; rows written before encryption (no prefix) are returned as they are. Null when the key does not fit. */
export function openSecret(stored: string): string | null {
  if (!isSealed(stored)) return stored;
  const [iv, tag, data] = stored.slice(PREFIX.length).split(":");
  if (!iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFromEnv(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
