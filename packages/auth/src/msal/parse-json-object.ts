/** A JSON object body, or undefined for anything else (not JSON, an array, a bare value): `parseJsonObject('{"error":"x"}')` → `{ error: "x" }`. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
