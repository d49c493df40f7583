import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

/**
 * AES-256-GCM for cached token entries. The Redis key is bound in as additional authenticated
 * data, so an entry copied under another identity's key does not decrypt.
 *
 * @example
 * const sealed = seal(key32, "bcts:token:{…}:entry", json);   // "v1.<base64 iv|tag|ciphertext>"
 * open(key32, "bcts:token:{…}:entry", sealed) === json;
 */
export function seal(key: Buffer, aad: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

/** The plaintext, or undefined when the value was sealed with another key, for another key name, or tampered with. */
export function open(key: Buffer, aad: string, sealed: string): string | undefined {
  if (!sealed.startsWith(`${VERSION}.`)) return undefined;
  const raw = Buffer.from(sealed.slice(VERSION.length + 1), "base64");
  if (raw.length < 29) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

/** A 32-byte key from a Buffer or a base64 string (e.g. `openssl rand -base64 32`). */
export function encryptionKeyOf(value: Buffer | string): Buffer {
  const key = typeof value === "string" ? Buffer.from(value, "base64") : value;
  if (key.length !== 32) throw new RangeError(`encryptionKey must be 32 bytes (AES-256), got ${key.length}; generate one with \`openssl rand -base64 32\`.`);
  return key;
}
