import type { BcTokenValidation } from "../../src/bc/auth/access-token-validator.js";

/**
 * Unsigned test tokens for the BC server alone: `test.<base64url(claims)>`. The validator only
 * decodes, so BC's own checks (aud, exp, tid, roles, registration) are what the tests exercise.
 */
export const testTenantId = "0f8a7c3e-1111-4b2a-9c3d-5e6f7a8b9c0d";
export const testClientId = "6b1c2d3e-2222-4f5a-8b9c-0d1e2f3a4b5c";

export function testToken(overrides: Record<string, unknown> = {}, nowMs = Date.now()): string {
  const claims = {
    aud: "https://api.businesscentral.dynamics.com",
    iss: `https://sts.windows.net/${testTenantId}/`,
    tid: testTenantId,
    appid: testClientId,
    roles: ["API.ReadWrite.All", "Automation.ReadWrite.All"],
    iat: Math.floor(nowMs / 1000),
    exp: Math.floor(nowMs / 1000) + 3600,
    ...overrides,
  };
  return `test.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
}

export function testValidator(token: string): BcTokenValidation {
  const m = /^test\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return { ok: false, reason: "malformed", message: "not a test token" };
  return { ok: true, claims: JSON.parse(Buffer.from(m[1]!, "base64url").toString("utf8")) as Record<string, unknown> };
}
