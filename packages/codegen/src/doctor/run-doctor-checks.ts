import { readFileSync } from "node:fs";
import { createTokenProviderFromEnvironment, type TokenProvider } from "@bcts/auth";
import { decodeJwtClaims } from "./decode-jwt-claims.js";
import type { DoctorStep } from "./doctor-step.js";

const BC_RESOURCE = "https://api.businesscentral.dynamics.com";
/** The application id of Dynamics 365 Business Central in Entra; tokens may carry it as `aud` instead of the URL. */
const BC_APP_ID = "996def3d-b36c-4153-8607-a6fd3c01b89f";

export interface DoctorRoute {
  readonly name: string;
  readonly path: string;
  /** The service root `$metadata` is read from. */
  readonly url: string;
}

export interface DoctorOptions {
  /** AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET | AZURE_CLIENT_CERTIFICATE_PATH, BC_ENVIRONMENT, BC_COMPANY_ID, BC_BASE_URL, AZURE_AUTHORITY_HOST, NODE_EXTRA_CA_CERTS. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch: typeof fetch;
  /** The URL routes of bcts.config.ts. */
  readonly routes: readonly DoctorRoute[];
  readonly timeoutInMs: number;
}

interface Context {
  readonly tenant: string;
  readonly clientId: string;
  readonly environment: string;
  readonly base: string;
  token: string;
  companies: readonly { id: string; name: string }[];
}

/**
 * Checks an S2S setup in the order it is built: variables, a token from Entra ID, the token's audience
 * and roles, Business Central accepting the app, the environment, a company, the configured routes.
 * Stops at the first failure (each later step needs the earlier ones).
 *
 * @example
 * const steps = await runDoctorChecks({ env: process.env, fetch, routes: [], timeoutInMs: 15_000 });
 * // GET https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/api/v2.0/companies?$select=id,name
 */
export async function runDoctorChecks(options: DoctorOptions): Promise<DoctorStep[]> {
  const steps: DoctorStep[] = [];
  const get = (name: string): string | undefined => (options.env[name]?.trim() ? options.env[name]!.trim() : undefined);
  const tenant = get("AZURE_TENANT_ID");
  const clientId = get("AZURE_CLIENT_ID");
  const credentialVariable = ["AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_FEDERATED_TOKEN_FILE"].find((n) => get(n) !== undefined);
  const environment = get("BC_ENVIRONMENT") ?? "production";
  const missing = [!tenant && "AZURE_TENANT_ID (Directory (tenant) ID: Entra admin center → Overview)", !clientId && "AZURE_CLIENT_ID (Application (client) ID of the app registration)",
    !credentialVariable && "AZURE_CLIENT_SECRET (the secret's Value, not its Secret ID) or AZURE_CLIENT_CERTIFICATE_PATH (PEM with key and certificate)"].filter((m): m is string => typeof m === "string");
  if (missing.length > 0 || !tenant || !clientId) {
    steps.push({ kind: "fail", title: "environment variables", detail: `missing ${missing.map((m) => m.split(" ")[0]).join(", ")}`, fix: `set ${missing.join("; ")}.` });
    return steps;
  }
  steps.push({ kind: "ok", title: "environment variables", detail: `tenant ${tenant}, client ${clientId}, ${credentialVariable} set, environment ${environment}${get("BC_ENVIRONMENT") ? "" : " (BC_ENVIRONMENT not set: default)"}` });
  const ctx: Context = { tenant, clientId, environment, base: (get("BC_BASE_URL") ?? BC_RESOURCE).replace(/\/+$/, ""), token: "", companies: [] };
  for (const check of [token, claims, appAccepted, companyReadable, routesExist]) {
    const step = await check(ctx, options, steps);
    if (step === undefined) continue;
    if (step.kind === "fail") return [...steps, step];
    steps.push(step);
  }
  return steps;
}

type Check = (ctx: Context, options: DoctorOptions, steps: DoctorStep[]) => Promise<DoctorStep | undefined>;

const token: Check = async (ctx, options) => {
  const title = "token from Entra ID";
  const caFile = options.env["NODE_EXTRA_CA_CERTS"];
  let provider: TokenProvider;
  try {
    // Managed identity stays out: the doctor checks an app registration.
    provider = createTokenProviderFromEnvironment({ env: options.env, managedIdentity: false, ...(caFile ? { ca: readFileSync(caFile, "utf8") } : {}) });
    ctx.token = (await provider.getToken({ abortSignal: AbortSignal.timeout(options.timeoutInMs) })).token;
  } catch (error) {
    const remedy = (error as { remedy?: unknown }).remedy;
    // @bcts/auth messages end with their remedy; it is printed once, as the fix.
    const message = (error instanceof Error ? error.message : String(error)).split(/\s+Remedy: /)[0]!;
    return { kind: "fail", title, detail: message, fix: typeof remedy === "string" ? remedy : "check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret or certificate." };
  }
  return { kind: "ok", title, detail: `received (${options.env["AZURE_AUTHORITY_HOST"] ?? "https://login.microsoftonline.com"}/${ctx.tenant})` };
};

const claims: Check = async (ctx, options) => {
  const title = "token audience and roles";
  const c = decodeJwtClaims(ctx.token);
  if (c === undefined) return { kind: "fail", title, detail: "the access token is not a JWT", fix: "request the token for https://api.businesscentral.dynamics.com/.default from a Microsoft Entra ID token endpoint." };
  const aud = String(c["aud"] ?? "");
  if (aud.replace(/\/+$/, "") !== BC_RESOURCE && aud !== BC_APP_ID) {
    return { kind: "fail", title, detail: `the token is for "${aud}", not Business Central`, fix: `request scope ${BC_RESOURCE}/.default (AZURE_AUTHORITY_HOST and the app's API permissions must be Microsoft Entra ID and Dynamics 365 Business Central).` };
  }
  const roles = Array.isArray(c["roles"]) ? (c["roles"] as unknown[]).map(String) : [];
  const needed = new Set(["API.ReadWrite.All"]);
  for (const r of options.routes) if (/^api\/microsoft\/automation\//i.test(r.path)) needed.add("Automation.ReadWrite.All");
  const absent = [...needed].filter((r) => !roles.includes(r));
  if (absent.length > 0) {
    return {
      kind: "fail", title, detail: `roles [${roles.join(", ")}] lack ${absent.join(" and ")}`,
      fix: `Entra admin center → App registrations → the app (${ctx.clientId}) → API permissions → Add a permission → Dynamics 365 Business Central → Application permissions → ${absent.join(", ")}, then "Grant admin consent".`,
    };
  }
  const tid = String(c["tid"] ?? "");
  if (/^[0-9a-f-]{36}$/i.test(ctx.tenant) && tid.toLowerCase() !== ctx.tenant.toLowerCase()) {
    return { kind: "fail", title, detail: `the token is from tenant ${tid}, not ${ctx.tenant}`, fix: "set AZURE_TENANT_ID to the tenant of the Business Central environment." };
  }
  return { kind: "ok", title, detail: `aud ${aud}, roles ${roles.join(", ")}, tenant ${tid}, app ${String(c["appid"] ?? c["azp"] ?? "?")}` };
};

const appAccepted: Check = async (ctx, options, steps) => {
  const url = `${ctx.base}/v2.0/${ctx.tenant}/${ctx.environment}/api/v2.0/companies?$select=id,name`;
  const res = await send(options, url, ctx.token);
  const accepted = "Business Central accepts the app";
  const environment = `environment "${ctx.environment}" exists`;
  if (res.kind === "network") return { kind: "fail", title: accepted, detail: `GET ${url} failed: ${res.message}`, fix: "check BC_BASE_URL (default https://api.businesscentral.dynamics.com), the network and HTTPS_PROXY." };
  const code = errorCode(res.body);
  if (res.status === 401) {
    return code === "Authentication_InvalidCredentials"
      ? { kind: "fail", title: accepted, detail: `401 Authentication_InvalidCredentials from ${url}`, fix: `in Business Central open the "Microsoft Entra Applications" page, New, Client ID ${ctx.clientId}, State = Enabled, and assign permission sets (e.g. D365 AUTOMATION; SUPER cannot be assigned to apps). The tenant in the URL (AZURE_TENANT_ID) must be the one that holds the environment.` }
      : { kind: "fail", title: accepted, detail: `401 ${code ?? ""} from ${url}`.trim(), fix: "Business Central rejected the token itself (expired, or for another resource): check the system clock and AZURE_AUTHORITY_HOST." };
  }
  // BC checks the app before the environment, so any other answer means the app got through.
  steps.push({ kind: "ok", title: accepted, detail: `authenticated (HTTP ${res.status})` });
  if (res.status === 404) return { kind: "fail", title: environment, detail: `404 ${code ?? ""} from ${url}`.trim(), fix: `set BC_ENVIRONMENT to an environment of tenant ${ctx.tenant} (Business Central admin center → Environments; e.g. production or sandbox).` };
  if (res.status === 403) return { kind: "fail", title: environment, detail: `403 ${code ?? ""}: the app may not read companies`, fix: `assign the app permission sets on the Microsoft Entra Applications page (e.g. D365 AUTOMATION or D365 BUS FULL ACCESS).` };
  if (res.status !== 200) return { kind: "fail", title: environment, detail: `HTTP ${res.status} ${code ?? ""} from ${url}`.trim(), fix: "retry later; if it persists, check the environment's state in the Business Central admin center." };
  const value = (res.body as { value?: { id: string; name: string }[] }).value ?? [];
  ctx.companies = value;
  return { kind: "ok", title: environment, detail: `${value.length} compan${value.length === 1 ? "y" : "ies"}: ${value.map((c) => c.name).join(", ")}` };
};

const companyReadable: Check = async (ctx, options) => {
  const title = "a company is readable";
  const wanted = options.env["BC_COMPANY_ID"]?.trim();
  const listed = ctx.companies.map((c) => `${c.name} (${c.id})`).join(", ") || "none";
  const id = wanted || ctx.companies[0]?.id;
  if (id === undefined) return { kind: "fail", title, detail: "the environment lists no company", fix: "create a company, or give the app permission sets that include the companies it should read." };
  const url = `${ctx.base}/v2.0/${ctx.tenant}/${ctx.environment}/api/v2.0/companies(${id})?$select=id,name`;
  const res = await send(options, url, ctx.token);
  if (res.kind === "network") return { kind: "fail", title, detail: `GET ${url} failed: ${res.message}`, fix: "check the network and retry." };
  if (res.status === 404 || res.status === 400) return { kind: "fail", title, detail: `no company ${id} (HTTP ${res.status})`, fix: `set BC_COMPANY_ID to one of: ${listed}.` };
  if (res.status !== 200) return { kind: "fail", title, detail: `HTTP ${res.status} ${errorCode(res.body) ?? ""} for company ${id}`.trim(), fix: "assign the app permission sets that allow reading this company." };
  return { kind: "ok", title, detail: `${String((res.body as { name?: unknown }).name)} (${id})${wanted ? "" : " — BC_COMPANY_ID not set: the first company"}` };
};

const routesExist: Check = async (ctx, options, steps) => {
  const title = "routes of bcts.config.ts";
  if (options.routes.length === 0) return { kind: "skip", title, detail: "no route with a URL source to check" };
  for (const route of options.routes) {
    const url = `${route.url.replace(/\/+$/, "")}/$metadata`;
    const res = await send(options, url, ctx.token);
    const routeTitle = `route ${route.name} (${route.path})`;
    if (res.kind === "network") return { kind: "fail", title: routeTitle, detail: `GET ${url} failed: ${res.message}`, fix: "check the route's url in bcts.config.ts." };
    if (res.status === 404) {
      return { kind: "fail", title: routeTitle, detail: `404 from ${url}`, fix: route.path.toLowerCase() === "odatav4" ? "publish the pages or codeunits on the Web Services page of the environment." : `install the extension that publishes ${route.path} in environment "${ctx.environment}", or correct the publisher/group/version in bcts.config.ts.` };
    }
    if (res.status !== 200) return { kind: "fail", title: routeTitle, detail: `HTTP ${res.status} ${errorCode(res.body) ?? ""} from ${url}`.trim(), fix: "check the app's roles and permission sets for this route." };
    steps.push({ kind: "ok", title: routeTitle, detail: `$metadata served (${url})` });
  }
  return undefined;
};

type Answer = { readonly kind: "http"; readonly status: number; readonly body: unknown } | { readonly kind: "network"; readonly message: string };

async function send(options: DoctorOptions, url: string, bearer: string): Promise<Answer> {
  try {
    const res = await options.fetch(url, { headers: { authorization: `Bearer ${bearer}`, accept: "application/json" }, signal: AbortSignal.timeout(options.timeoutInMs) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // XML ($metadata, or BC's XML 401) stays text
    }
    return { kind: "http", status: res.status, body };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return { kind: "network", message: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

function errorCode(body: unknown): string | undefined {
  if (typeof body === "string") return /<code>([^<]+)<\/code>/.exec(body)?.[1];
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === "string" ? code : undefined;
}
