import { createHash } from "node:crypto";

/** Deterministic GUID for seed rows: the same label always gives the same id across runs and machines. */
export function seedGuid(label: string): string {
  const h = createHash("sha256").update(`bcts-emulator-seed:${label}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
