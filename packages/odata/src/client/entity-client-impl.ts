import type { EntityTypeDescriptor, OperationDescriptor } from "../model/descriptors.js";
import { toQueryNode, type RuntimeQueryOptions } from "../query/to-query-node.js";
import { EntitySetClientImpl } from "./entity-set-client-impl.js";
import { readHeaders, withQuery } from "./read-helpers.js";
import type { RequestExecutor } from "./request-executor.js";
import type { ConcurrencyOptions, ReadOptions, RequestOptions } from "./request-options.js";
import { ifMatchHeader } from "./resolve-if-match.js";
import { StreamClientImpl } from "./stream-client-impl.js";
import { invokeOperation } from "./invoke-operation.js";
import { bodyParser, readEntity, writeEntity } from "./value-io.js";

/** Runtime implementation of `EntityOperations`; navigation, actions and streams live on a per-type prototype. */
export class EntityClientBase {
  readonly executor: RequestExecutor;
  readonly type: EntityTypeDescriptor;
  /** Path below the service root, e.g. `companies(…)/customers(…)`. */
  readonly path: string;

  constructor(executor: RequestExecutor, type: EntityTypeDescriptor, path: string) {
    this.executor = executor;
    this.type = type;
    this.path = path;
  }

  toUrl(): string {
    return `${this.executor.serviceRoot}/${this.path}`;
  }

  async get(options?: Pick<RuntimeQueryOptions, "select" | "expand"> & ReadOptions): Promise<unknown> {
    const url = withQuery(this.toUrl(), toQueryNode(this.type, options === undefined ? undefined : { select: options.select, expand: options.expand }));
    const { data } = await this.executor.send({ method: "GET", url, headers: readHeaders(options), parse: bodyParser(this.type, "entity"), expect: "entity" }, options);
    return readEntity(this.type, data);
  }

  async update(patch: object, options?: ConcurrencyOptions): Promise<unknown> {
    const ifMatch = await ifMatchHeader(this.executor, this.toUrl(), this.type, options);
    const { data } = await this.executor.send(
      { method: "PATCH", url: this.toUrl(), headers: { "Content-Type": "application/json", ...ifMatch }, body: writeEntity(this.type, patch), parse: bodyParser(this.type, "entity"), expect: "entity" },
      options,
    );
    return readEntity(this.type, data);
  }

  async delete(options?: ConcurrencyOptions): Promise<void> {
    const ifMatch = await ifMatchHeader(this.executor, this.toUrl(), this.type, options);
    await this.executor.send({ method: "DELETE", url: this.toUrl(), headers: ifMatch }, options);
  }
}

const RESERVED = new Set(["toUrl", "get", "update", "delete", "executor", "type", "path", "constructor"]);
const classes = new WeakMap<EntityTypeDescriptor, new (executor: RequestExecutor, type: EntityTypeDescriptor, path: string) => EntityClientBase>();

/**
 * Creates the client of one entity. Navigation properties, bound actions and stream properties are
 * getters/methods on a prototype built once per entity type (no Proxy). Names that clash with
 * `get`/`update`/`delete`/`toUrl` are not exposed.
 */
export function createEntityClient(executor: RequestExecutor, type: EntityTypeDescriptor, path: string): EntityClientBase {
  let EntityClass = classes.get(type);
  if (EntityClass === undefined) {
    EntityClass = class extends EntityClientBase {};
    defineMembers(EntityClass.prototype, type);
    classes.set(type, EntityClass);
  }
  return new EntityClass(executor, type, path);
}

function defineMembers(prototype: object, type: EntityTypeDescriptor): void {
  for (const [name, navigation] of Object.entries(type.navigation)) {
    if (RESERVED.has(name)) continue;
    Object.defineProperty(prototype, name, {
      get(this: EntityClientBase) {
        const target = this.type.registry.resolve(navigation.target);
        if (target === undefined) {
          throw new Error(`${navigation.target} (target of ${type.name}.${name}) is not registered. Import the generated module that defines it.`);
        }
        const path = `${this.path}/${name}`;
        return navigation.collection ? new EntitySetClientImpl(this.executor, target, path) : createEntityClient(this.executor, target, path);
      },
    });
  }
  for (const [name, operation] of Object.entries(type.actions)) {
    if (RESERVED.has(name)) continue;
    Object.defineProperty(prototype, name, {
      value(this: EntityClientBase, params?: object, options?: RequestOptions & { etag?: string; ifMatch?: "*" }) {
        return invokeOperation(this.executor, this.type.registry.codec, `${this.toUrl()}/${operation.name}`, operation as OperationDescriptor, params, options);
      },
    });
  }
  for (const name of type.streams) {
    if (RESERVED.has(name)) continue;
    Object.defineProperty(prototype, name, {
      get(this: EntityClientBase) {
        return new StreamClientImpl(this.executor, this.toUrl(), this.type.keys[0], name);
      },
    });
  }
}
