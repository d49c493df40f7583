import { request } from "node:https";

/** Client-credentials token from the fake Entra over real HTTPS, trusting its test CA. */
export function fetchClientCredentialsToken(options: {
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly caPem: string;
  readonly scope?: string;
}): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: options.clientId,
    client_secret: options.clientSecret,
    scope: options.scope ?? "https://api.businesscentral.dynamics.com/.default",
  }).toString();
  const url = new URL(`${options.authorityHost}/${options.tenantId}/oauth2/v2.0/token`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", ca: options.caPem, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
