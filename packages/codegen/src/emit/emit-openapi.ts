import type { EdmEntityType, EdmProperty } from "../model/edm-model.js";
import { lookup, type EmitContext } from "./emit-context.js";
import type { EmittedFile } from "./emitted-file.js";
import { jsonSchema, primitiveSchema, type JsonSchema } from "./json-schema.js";
import { quoted, setPaths, type PathParameter } from "./set-paths.js";

/**
 * `openapi.json`: an OpenAPI 3.1 document with the same compact shape as `paths.ts` (collection and
 * entity template per set), for other tools. Array query options are `style: form, explode: false`.
 */
export function emitOpenApi(context: EmitContext): EmittedFile {
  const { model } = context;
  const schemas: Record<string, JsonSchema> = {};
  for (const e of model.enumTypes) schemas[e.name] = { type: "string", enum: e.members.map((m) => m.wireName), "x-enum-varnames": e.members.map((m) => m.key) };
  for (const c of model.complexTypes) schemas[c.name] = objectSchema(c.properties, context, "read");
  for (const t of model.entityTypes) {
    schemas[t.names.read] = { ...objectSchema(t.properties, context, "read"), "x-odata-type": t.qualifiedName };
    schemas[t.names.create] = objectSchema(t.properties.filter((p) => p.writableOnCreate), context, "input");
    schemas[t.names.update] = objectSchema(t.properties.filter((p) => p.writableOnUpdate), context, "input");
  }
  schemas["ODataError"] = { type: "object", properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } } } };
  const paths: Record<string, unknown> = {};
  for (const set of model.entitySets) {
    const type = lookup(context.entityTypes, set.entityType);
    const p = setPaths(model, set, type);
    const scope = p.scopeParameters.map((x) => pathParameter(x, context));
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const json = (schema: unknown, description: string) => ({ description, content: { "application/json": { schema } } });
    const error = { default: json(ref("ODataError"), "OData error") };
    const collection: Record<string, unknown> = {
      parameters: scope,
      get: { operationId: `list_${set.wireName}`, parameters: queryParameters(type, true), responses: { 200: json({ type: "object", properties: { value: { type: "array", items: ref(type.names.read) }, "@odata.nextLink": { type: "string" }, "@odata.count": { type: "integer" } } }, "A page of entities"), ...error } },
    };
    if (set.capabilities.insert) collection["post"] = { operationId: `create_${set.wireName}`, requestBody: { required: true, content: { "application/json": { schema: ref(type.names.create) } } }, responses: { 201: json(ref(type.names.read), "Created"), ...error } };
    paths[p.collection] = collection;
    if (p.entity === undefined) continue;
    const entity: Record<string, unknown> = {
      parameters: [...scope, ...p.keyParameters.map((x) => pathParameter(x, context))],
      get: { operationId: `get_${set.wireName}`, parameters: queryParameters(type, false), responses: { 200: json(ref(type.names.read), "The entity"), ...error } },
    };
    const ifMatch = { name: "If-Match", in: "header", required: false, schema: { type: "string" } };
    if (set.capabilities.update) entity["patch"] = { operationId: `update_${set.wireName}`, parameters: [ifMatch], requestBody: { required: true, content: { "application/json": { schema: ref(type.names.update) } } }, responses: { 200: json(ref(type.names.read), "Updated"), ...error } };
    if (set.capabilities.delete) entity["delete"] = { operationId: `delete_${set.wireName}`, parameters: [ifMatch], responses: { 204: { description: "Deleted" }, ...error } };
    paths[p.entity] = entity;
  }
  return {
    kind: "json",
    fileName: "openapi.json",
    value: {
      openapi: "3.1.0",
      info: { title: `Business Central ${model.routePath}`, version: model.routePath, description: `Compact description generated from ${context.source}: one collection and one entity template per entity set.` },
      servers: [{ url: `https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/${model.routePath}`, variables: { tenant: { default: "common" }, environment: { default: "Production" } } }],
      paths,
      components: { schemas, securitySchemes: { entra: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
      security: [{ entra: [] }],
    },
  };
}

function objectSchema(properties: readonly EdmProperty[], context: EmitContext, use: "read" | "input"): JsonSchema {
  const visible = properties.filter((p) => !(p.type.kind === "primitive" && p.type.name === "Edm.Stream"));
  const schema: Record<string, unknown> = {
    type: "object",
    properties: Object.fromEntries(visible.map((p) => [p.wireName, { ...jsonSchema(p, context), ...(p.maxLength !== undefined && p.maxLength !== "max" ? { maxLength: Number(p.maxLength) } : {}) }])),
  };
  if (use === "read") schema["required"] = visible.filter((p) => p.isKey).map((p) => p.wireName);
  return schema;
}

function pathParameter(x: PathParameter, context: EmitContext): unknown {
  const schema = x.edm === "enum" ? { type: "string" } : primitiveSchema(x.edm);
  return { name: x.name, in: "path", required: true, schema, ...(quoted(x.edm) ? { description: "Quote doubling is the caller's job: O'Brien → O''Brien." } : {}) };
}

function queryParameters(type: EdmEntityType, collection: boolean): unknown[] {
  const fields = type.properties.filter((p) => !(p.type.kind === "primitive" && p.type.name === "Edm.Stream")).map((p) => p.wireName);
  const list = (name: string, items: unknown) => ({ name, in: "query", required: false, style: "form", explode: false, schema: { type: "array", items } });
  const params: unknown[] = [list("$select", { type: "string", enum: fields }), list("$expand", { type: "string", enum: type.navigation.map((n) => n.wireName) })];
  if (!collection) return params;
  return [
    ...params,
    { name: "$filter", in: "query", required: false, schema: { type: "string" } },
    list("$orderby", { type: "string" }),
    { name: "$top", in: "query", required: false, schema: { type: "integer", minimum: 0 } },
    { name: "$skip", in: "query", required: false, schema: { type: "integer", minimum: 0 } },
    { name: "$count", in: "query", required: false, schema: { type: "boolean" } },
  ];
}
