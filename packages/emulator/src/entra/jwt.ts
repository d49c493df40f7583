import { createHash, sign, verify, constants, type KeyObject } from "node:crypto";

// Minimal JWS compact serialization over node:crypto: enough for RS256/PS256 tokens and assertions.

export type JwtAlgorithm = "RS256" | "PS256";
export type JwtHeader = { readonly alg: string; readonly typ?: string; readonly kid?: string; readonly x5t?: string; readonly "x5t#S256"?: string; readonly x5c?: readonly string[] } & Record<string, unknown>;
export type JwtClaims = Record<string, unknown>;

export interface DecodedJwt {
  readonly header: JwtHeader;
  readonly claims: JwtClaims;
  readonly signingInput: string;
  readonly signature: Buffer;
}

export function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

export function signJwt(header: JwtHeader, claims: JwtClaims, key: KeyObject): string {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign("sha256", Buffer.from(signingInput), paddingFor(header.alg as JwtAlgorithm, key));
  return `${signingInput}.${base64url(signature)}`;
}

/** Splits and parses a compact JWT; undefined when it is not one. Does not verify anything. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as JwtHeader;
    const claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as JwtClaims;
    if (typeof header !== "object" || header === null || typeof claims !== "object" || claims === null) return undefined;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, "base64url") };
  } catch {
    return undefined;
  }
}

export function verifyJwtSignature(jwt: DecodedJwt, key: KeyObject): boolean {
  const alg = jwt.header.alg;
  if (alg !== "RS256" && alg !== "PS256") return false;
  if (key.asymmetricKeyType !== "rsa") return false;
  return verify("sha256", Buffer.from(jwt.signingInput), paddingFor(alg, key), jwt.signature);
}

function paddingFor(alg: JwtAlgorithm, key: KeyObject) {
  return alg === "PS256"
    ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
    : { key, padding: constants.RSA_PKCS1_PADDING };
}

/** `x5t` (SHA-1) and `x5t#S256` (SHA-256) of a DER certificate, base64url as in JWS headers. */
export function certificateThumbprints(der: Buffer): { readonly x5t: string; readonly x5tS256: string } {
  return { x5t: base64url(createHash("sha1").update(der).digest()), x5tS256: base64url(createHash("sha256").update(der).digest()) };
}
