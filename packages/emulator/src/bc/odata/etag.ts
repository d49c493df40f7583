import { createHash } from "node:crypto";

/**
 * BC-shaped weak ETag (§5.2): W/"base64('20;<20 digits>1;00;')". The digits derive from the row's
 * identity and version, so the tag changes on every write and is stable across reads.
 */
export function etagFor(set: string, key: string, rowVersion: number): string {
  const hash = createHash("sha256").update(`${set}\u0000${key}\u0000${rowVersion}`).digest("hex");
  const digits = (BigInt(`0x${hash.slice(0, 24)}`) % 10n ** 20n).toString().padStart(20, "0");
  return `W/"${Buffer.from(`'20;${digits}1;00;'`, "utf8").toString("base64")}"`;
}
