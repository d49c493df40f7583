import { identityKey } from "./request-limiter.js";

const objectIds = new WeakMap<object, string>();
let nextObjectId = 0;

/**
 * The limiter identity of a client: from the credential's `authority`, `tenantId` and `clientId`
 * when it has them (every @bcts/auth app-only provider does, so two provider objects of one app
 * registration share one budget); otherwise the credential object itself; without a credential the
 * service root's origin (on-premises servers without tokens).
 *
 * @example
 * identityOf(new ClientSecretProvider({ tenantId: "contoso.onmicrosoft.com", clientId, clientSecret }), serviceRoot)
 * // "https://login.microsoftonline.com|contoso.onmicrosoft.com|0b9c…"
 * identityOf({ getToken }, serviceRoot)   // "object#3|…" — one budget per credential object
 */
export function identityOf(credential: object | undefined, serviceRoot: string): string {
  if (credential === undefined) return `anonymous|${new URL(serviceRoot).origin}`;
  const fields = credential as { readonly authority?: unknown; readonly tenantId?: unknown; readonly clientId?: unknown };
  if (typeof fields.tenantId === "string" && typeof fields.clientId === "string" && fields.tenantId !== "" && fields.clientId !== "") {
    return identityKey({ authority: typeof fields.authority === "string" ? fields.authority : undefined, tenantId: fields.tenantId, clientId: fields.clientId });
  }
  let id = objectIds.get(credential);
  if (id === undefined) objectIds.set(credential, (id = `object#${++nextObjectId}`));
  return id;
}
