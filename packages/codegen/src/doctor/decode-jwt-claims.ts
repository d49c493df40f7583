/**
 * The payload of a JWT access token, decoded without verifying it (the doctor only reads what Entra
 * put in; Business Central verifies). Returns undefined for anything that is not a JWT.
 *
 * @example
 * decodeJwtClaims(token)?.["aud"]   // "https://api.businesscentral.dynamics.com"
 */
export function decodeJwtClaims(token: string): Readonly<Record<string, unknown>> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as unknown;
    return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
