import type { EntitySetDescriptor, OperationDescriptor, OperationMap, RouteDescriptor, SetScope } from "../model/descriptors.js";
import type { ActionModel, EntityModel } from "../model/entity-model.js";
import { encodeLiteral } from "../query/encode-literal.js";
import { encodePathLiteral } from "../query/encode-key.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import type { BatchFunction, BatchOptions } from "../batch/batch-types.js";
import type { ActionMethod, ActionOptions, EntitySetClient } from "./client-types.js";
import { invokeOperation } from "./invoke-operation.js";
import type { ODataClientOptions } from "./client-options.js";
import { EntitySetClientImpl } from "./entity-set-client-impl.js";
import { createRequestExecutor, type RequestExecutor } from "./request-executor.js";
import { resolveClientOptions } from "./resolve-client-options.js";

type AnySets = Readonly<Record<string, EntitySetDescriptor<any, SetScope>>>;

/** The model carried by an entity set descriptor. */
export type ModelOf<D> = D extends EntitySetDescriptor<infer M, SetScope> ? M : never;

/** The sets of one scope as typed clients, keyed like the route's set map. */
export type ScopedSets<TSets extends AnySets, S extends SetScope> = {
  readonly [K in keyof TSets as TSets[K]["scope"] extends S ? K : never]: EntitySetClient<ModelOf<TSets[K]>>;
};

/** `company(guid)` for `api` routes; `company({ name })` or `company({ id })` for `ODataV4`. */
export type CompanyRef = string | { readonly id: string } | { readonly name: string };

/** The typed parameters and result of an operation descriptor (untyped descriptors: any object, unknown). */
export type OperationModelOf<D> = D extends OperationDescriptor<infer A> ? A : ActionModel;

/** `invoke`'s signature for one operation: params optional when it takes none. */
export type InvokeArgs<A extends ActionModel> = Parameters<ActionMethod<A>>;

export type CompanyClient<TSets extends AnySets, TOps extends OperationMap = OperationMap> = ScopedSets<TSets, "company"> & {
  /** `companies({id})` or `Company('name')` below the service root. */
  toUrl(): string;
  /** A company-scoped set by descriptor (for per-module imports). */
  set<M extends EntityModel>(descriptor: EntitySetDescriptor<M, "company">): EntitySetClient<M>;
  batch: BatchFunction<TSets, "company">;
  /**
   * Calls an unbound operation of the route (ODataV4 codeunit web services) for this company.
   * @example
   * await v4.company({ name: "CRONUS" }).invoke("CompanySetupService_ConfigureCompany", { name: "x" });
   * // POST https://server:7048/BC/ODataV4/CompanySetupService_ConfigureCompany?company=CRONUS  {"name":"x"}
   */
  invoke<K extends keyof TOps & string>(operation: K, ...args: InvokeArgs<OperationModelOf<TOps[K]>>): Promise<OperationModelOf<TOps[K]>["result"]>;
};

export type ODataClient<TSets extends AnySets, TOps extends OperationMap = OperationMap> = ScopedSets<TSets, "root"> & {
  readonly serviceRoot: string;
  company(company: CompanyRef): CompanyClient<TSets, TOps>;
  set<M extends EntityModel>(descriptor: EntitySetDescriptor<M, "root">): EntitySetClient<M>;
  batch: BatchFunction<TSets, "root">;
  /**
   * Calls an unbound operation at the service root, without a company (standard OData services).
   * @example
   * await client.invoke("echo", { text: "hi" });   // GET http://127.0.0.1:4004/conformance/echo(text='hi')
   */
  invoke<K extends keyof TOps & string>(operation: K, ...args: InvokeArgs<OperationModelOf<TOps[K]>>): Promise<OperationModelOf<TOps[K]>["result"]>;
};

/**
 * The typed client of one route.
 *
 * @example
 * const bc = createODataClient(apiV2_0, { tenantId, environment: "production", credential });
 * bc.companies.toUrl();             // https://api.businesscentral.dynamics.com/v2.0/{tenantId}/production/api/v2.0/companies
 * bc.company(companyId).customers.toUrl(); // …/api/v2.0/companies({companyId})/customers
 * createODataClient(odataV4, { serviceRootUrl: "https://server:7048/BC/ODataV4", credential }).company({ name: "CRONUS USA, Inc." }).toUrl();
 * // https://server:7048/BC/ODataV4/Company('CRONUS%20USA%2C%20Inc.')
 */
export function createODataClient<TSets extends AnySets, TOps extends OperationMap = OperationMap>(route: RouteDescriptor<TSets, TOps>, options: ODataClientOptions): ODataClient<TSets, TOps> {
  const executor = createRequestExecutor(resolveClientOptions(route, options));
  const client = scopedObject(executor, route, "root", "");
  Object.defineProperties(client, {
    serviceRoot: { value: executor.serviceRoot, enumerable: true },
    company: { value: (company: CompanyRef) => createCompanyClient(executor, route, company) },
    invoke: { value: (name: string, params?: object, options?: ActionOptions) => invokeAtRoot(executor, route, name, params, options) },
  });
  return client as ODataClient<TSets, TOps>;
}

function createCompanyClient(executor: RequestExecutor, route: RouteDescriptor, ref: CompanyRef): object {
  const path = companyPath(route, ref);
  const company = scopedObject(executor, route, "company", path);
  const companyParam = typeof ref === "string" ? ref : "id" in ref ? ref.id : ref.name;
  Object.defineProperties(company, {
    toUrl: { value: () => `${executor.serviceRoot}/${path}` },
    invoke: {
      value: async (name: string, params?: object, options?: ActionOptions) => {
        const operation = operationNamed(route, name);
        return invokeOperation(executor, route.codec, `${executor.serviceRoot}/${operation.name}?company=${encodeURIComponent(companyParam)}`, operation, params, options);
      },
    },
  });
  return company;
}

const RESERVED_KEYS = new Set(["set", "batch", "company", "toUrl", "invoke", "serviceRoot"]);

/** An object with one lazily created set client per set of the scope, plus `set()` and `batch()`. */
function scopedObject(executor: RequestExecutor, route: RouteDescriptor, scope: SetScope, prefix: string): object {
  const pathOf = (set: EntitySetDescriptor) => (prefix === "" ? set.name : `${prefix}/${set.name}`);
  const target: Record<string, unknown> = {};
  for (const [key, set] of Object.entries(route.sets)) {
    if (set.scope !== scope || RESERVED_KEYS.has(key)) continue;
    let cached: EntitySetClientImpl | undefined;
    Object.defineProperty(target, key, { enumerable: true, get: () => (cached ??= new EntitySetClientImpl(executor, set.type, pathOf(set))) });
  }
  Object.defineProperties(target, {
    set: {
      value: (set: EntitySetDescriptor) => {
        if (set.scope !== scope) throw new TypeError(`${set.name} is ${set.scope}-scoped; use ${set.scope === "company" ? "client.company(id).set(...)" : "client.set(...)"}.`);
        return new EntitySetClientImpl(executor, set.type, pathOf(set));
      },
    },
    // Loaded on first use, so programs that never batch do not carry it (bundlers split dynamic imports).
    batch: {
      value: async (build: (b: never) => unknown, batchOptions?: BatchOptions) =>
        (await import("../batch/run-batch.js")).runBatch(executor, route, scope, prefix, build as never, batchOptions),
    },
  });
  return target;
}

/** An unbound operation called at the service root: `{serviceRoot}/{name}` (no `?company=`). */
async function invokeAtRoot(executor: RequestExecutor, route: RouteDescriptor, name: string, params: object | undefined, options: ActionOptions | undefined): Promise<unknown> {
  const operation = operationNamed(route, name);
  return invokeOperation(executor, route.codec, `${executor.serviceRoot}/${operation.name}`, operation, params, options);
}

/**
 * The route's operation called `name` — own properties only: `toString`, `constructor`, `__proto__`
 * are Object's, not operations (untyped callers reached `/toString`, `/Object`, `/undefined` before).
 *
 * @example
 * operationNamed(odataV4, "toString") // throws ODataQueryError: Route ODataV4 has no unbound operation "toString". …
 */
function operationNamed(route: RouteDescriptor, name: unknown): OperationDescriptor {
  const operation = typeof name === "string" && Object.hasOwn(route.operations, name) ? route.operations[name] : undefined;
  if (operation === undefined) {
    const known = Object.keys(route.operations).join(", ") || "(none)";
    throw new ODataQueryError(`Route ${route.path} has no unbound operation "${String(name)}".`, `Call one of: ${known}. Nothing was sent.`);
  }
  return operation;
}

/**
 * @example
 * companyPath(apiV2_0, "5d115c9c-44e3-ea11-bb43-000d3a2feca1")   // companies(5d115c9c-44e3-ea11-bb43-000d3a2feca1)
 * companyPath(odataV4, { name: "O'Neil & Co" })                    // Company('O''Neil%20%26%20Co')
 */
export function companyPath(route: RouteDescriptor, company: CompanyRef): string {
  if (route.kind === "api") {
    const id = typeof company === "string" ? company : "id" in company ? company.id : undefined;
    if (id === undefined) throw new ODataQueryError(`The ${route.path} route addresses companies by id.`, "Pass the company's GUID: client.company(\"5d115c9c-…\") (list bc.companies to find it).");
    return `companies(${encodeLiteral("Edm.Guid", id, "company id")})`;
  }
  if (typeof company !== "string" && "id" in company) return `Company(Id=${encodeLiteral("Edm.Guid", company.id, "company id")})`;
  const name = typeof company === "string" ? company : company.name;
  return `Company(${encodePathLiteral(encodeLiteral("Edm.String", name, "company name"))})`;
}
