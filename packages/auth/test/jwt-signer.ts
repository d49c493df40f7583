import { constants, generateKeyPairSync, randomUUID, sign, type KeyObject } from "node:crypto";

/** A stand-in external OIDC issuer (GitHub Actions, Kubernetes…) for workload identity federation tests. */
export function externalIssuer(issuer = "https://token.actions.example.test") {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    issuer,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }) as string,
    token(claims: Record<string, unknown>, nowInSeconds = Math.floor(Date.now() / 1000)): string {
      return signRs256({ iss: issuer, aud: "api://AzureADTokenExchange", iat: nowInSeconds, nbf: nowInSeconds, exp: nowInSeconds + 600, jti: randomUUID(), ...claims }, privateKey);
    },
  };
}

function signRs256(claims: Record<string, unknown>, key: KeyObject): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const input = `${enc({ alg: "RS256", typ: "JWT" })}.${enc(claims)}`;
  return `${input}.${sign("sha256", Buffer.from(input), { key, padding: constants.RSA_PKCS1_PADDING }).toString("base64url")}`;
}
