import { randomBytes, randomUUID } from "node:crypto";

export interface AuthorizationCodeGrant {
  readonly tenantId: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: string | undefined;
  readonly scope: string;
  readonly nonce: string | undefined;
  readonly username: string;
  readonly expiresAt: number;
}

export interface RefreshTokenGrant {
  readonly tenantId: string;
  readonly clientId: string;
  readonly username: string;
  readonly scope: string;
}

export interface DeviceCodeGrant {
  readonly tenantId: string;
  readonly clientId: string;
  readonly scope: string;
  readonly userCode: string;
  readonly expiresAt: number;
  state: "pending" | "approved" | "declined" | "redeemed";
  username?: string;
}

/** Issued authorization codes, refresh tokens and device codes of one fake instance. */
export class UserFlowStore {
  readonly codes = new Map<string, AuthorizationCodeGrant>();
  readonly refreshTokens = new Map<string, RefreshTokenGrant>();
  readonly deviceCodes = new Map<string, DeviceCodeGrant>();

  issueCode(grant: AuthorizationCodeGrant): string {
    const code = `code.${randomBytes(32).toString("base64url")}`;
    this.codes.set(code, grant);
    bound(this.codes);
    return code;
  }

  /** A code is redeemable once. */
  takeCode(code: string): AuthorizationCodeGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant;
  }

  issueRefreshToken(grant: RefreshTokenGrant): string {
    const token = `rt.${randomUUID()}.${randomBytes(32).toString("base64url")}`;
    this.refreshTokens.set(token, grant);
    bound(this.refreshTokens);
    return token;
  }

  /** Revokes every refresh token of a user (as "revoke sessions" does in Entra). Returns how many. */
  revokeUser(username: string): number {
    let n = 0;
    for (const [k, v] of this.refreshTokens) if (v.username === username.toLowerCase()) (this.refreshTokens.delete(k), n++);
    return n;
  }

  issueDeviceCode(grant: Omit<DeviceCodeGrant, "state" | "userCode">): { deviceCode: string; userCode: string } {
    const deviceCode = `dc.${randomBytes(32).toString("base64url")}`;
    const userCode = randomBytes(6).toString("hex").toUpperCase().slice(0, 9);
    this.deviceCodes.set(deviceCode, { ...grant, userCode, state: "pending" });
    bound(this.deviceCodes);
    return { deviceCode, userCode };
  }

  findDeviceCodeByUserCode(userCode: string): DeviceCodeGrant | undefined {
    const wanted = userCode.trim().toUpperCase();
    return [...this.deviceCodes.values()].find((d) => d.userCode === wanted);
  }
}

// Oldest first out: a long-running emulator must not grow forever (Entra expires these anyway).
function bound(map: Map<string, unknown>, max = 10_000): void {
  while (map.size > max) map.delete(map.keys().next().value!);
}
