import type { Measured } from "../measured.js";

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const mb = (v: number | null): string => (v === null ? "n/a" : `${v.toFixed(0)} MB`);
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const int = (n: number): string => n.toLocaleString("en-US");

/** A cell: the formatted value, or "not measured" (the reason goes to the notes). */
export function cell<T>(m: Measured<T> | undefined, format: (v: T) => string): string {
  if (!m) return "—";
  return m.ok ? format(m.value) : "not measured";
}

/** bcts / peer, with "×"; "—" when either side is missing. */
export function ratio(bcts: number | null | undefined, peer: number | null | undefined): string {
  if (bcts == null || peer == null || peer === 0) return "—";
  return `${(bcts / peer).toFixed(2)}×`;
}

export function value<T, V>(m: Measured<T> | undefined, pick: (v: T) => V): V | null {
  return m?.ok ? pick(m.value) : null;
}
