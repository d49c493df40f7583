import { lookup, type EmitContext } from "./emit-context.js";
import type { EmittedFile } from "./emitted-file.js";
import { ImportSet } from "./import-set.js";
import { propertyKey, relativeModule, stringLiteral } from "./literals.js";
import { setPaths, type PathParameter, type SetPaths } from "./set-paths.js";
import { tsPrimitive } from "./ts-type.js";
import { mapsValues } from "./conversion-table.js";
import type { EmitOptions } from "./emit-options.js";

const HELPERS = `/** OData system query options; arrays are sent non-exploded (\`$select=a,b\`): use querySerializer { array: { style: "form", explode: false } }. */
export interface CollectionQuery<TField extends string> {
  $select?: TField[];
  $expand?: string[];
  $filter?: string;
  $orderby?: string[];
  $top?: number;
  $skip?: number;
  $count?: boolean;
}

export interface EntityQuery<TField extends string> {
  $select?: TField[];
  $expand?: string[];
}

/** The OData error body BC sends with 4xx/5xx answers. */
export interface ODataErrorBody {
  error: { code: string; message: string };
}

interface Json<T> {
  headers: { [name: string]: unknown };
  content: { "application/json": T };
}

interface NoContent {
  headers: { [name: string]: unknown };
  content?: never;
}`;

const WIRE = `/**
 * The JSON form of a model type. This route's models map values (dates: "Date", decimals or Int64 as
 * strings) and @bcts/odata converts them; raw openapi-fetch sees BC's JSON: ISO text and numbers.
 */
type Wire<T> = T extends Date ? string : T extends \`\${number}\` ? number : T extends readonly (infer E)[] ? Wire<E>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;`;

/** Options as on the wire: what openapi-fetch sends in paths and reads from JSON. */
const WIRE_OPTIONS = { dates: "string", decimal: "number", int64: "number" } as const satisfies Partial<EmitOptions>;

/**
 * `paths.ts`: an openapi-fetch compatible `paths` type with two templates per entity set (collection
 * and one entity), written as plain text because it is one large literal type.
 *
 * @example
 * const client = createClient<paths>({ baseUrl, querySerializer: { array: { style: "form", explode: false } } });
 * await client.GET("/companies({company_id})/customers", { params: { path: { company_id }, query: { $select: ["displayName"] } } });
 */
export function emitPaths(context: EmitContext): EmittedFile {
  const imports = new ImportSet("./paths.js");
  const entries: string[] = [];
  for (const set of context.model.entitySets) {
    const paths = setPaths(context.model, set, lookup(context.entityTypes, set.entityType));
    entries.push(...pathEntries(paths, context, imports));
  }
  const body = `${HELPERS}${mapsValues(context.options) ? `\n\n${WIRE}` : ""}\n\nexport interface paths {\n${entries.join("\n")}\n}`;
  const importText = imports.structures().map((i) => `import type { ${(i.namedImports as string[]).join(", ")} } from ${stringLiteral(i.moduleSpecifier)};`).join("\n");
  return { kind: "typescript", fileName: "paths.ts", statements: [importText, body] };
}

function pathEntries(p: SetPaths, context: EmitContext, imports: ImportSet): string[] {
  const file = relativeModule(p.type.names.file);
  const wire = mapsValues(context.options) ? (name: string) => `Wire<${name}>` : (name: string) => name;
  const read = wire(imports.add(file, p.type.names.read, true));
  const fields = p.type.properties.filter((x) => !(x.type.kind === "primitive" && x.type.name === "Edm.Stream")).map((x) => stringLiteral(x.wireName)).join(" | ") || "never";
  const errors = "default: Json<ODataErrorBody>;";
  const { capabilities } = p.set;
  const scope = pathParams(p.scopeParameters, context);
  const collectionOps = [
    `    get: { parameters: { query?: CollectionQuery<${fields}>; ${scope === "never" ? "path?" : "path"}: ${scope} }; responses: { 200: Json<{ value: ${read}[]; "@odata.nextLink"?: string; "@odata.count"?: number }>; ${errors} } };`,
  ];
  if (capabilities.insert) {
    const create = wire(imports.add(file, p.type.names.create, true));
    collectionOps.push(`    post: { parameters: { ${scope === "never" ? "path?" : "path"}: ${scope} }; requestBody: { content: { "application/json": ${create} } }; responses: { 201: Json<${read}>; ${errors} } };`);
  }
  const out = [`  ${stringLiteral(p.collection)}: {\n    parameters: { ${scope === "never" ? "path?" : "path"}: ${scope} };\n${collectionOps.join("\n")}\n  };`];
  if (p.entity !== undefined) {
    const all = pathParams([...p.scopeParameters, ...p.keyParameters], context);
    const ifMatch = `header?: { "If-Match"?: string }`;
    const ops = [`    get: { parameters: { query?: EntityQuery<${fields}>; path: ${all} }; responses: { 200: Json<${read}>; ${errors} } };`];
    if (capabilities.update) {
      const update = wire(imports.add(file, p.type.names.update, true));
      ops.push(`    patch: { parameters: { path: ${all}; ${ifMatch} }; requestBody: { content: { "application/json": ${update} } }; responses: { 200: Json<${read}>; ${errors} } };`);
    }
    if (capabilities.delete) ops.push(`    delete: { parameters: { path: ${all}; ${ifMatch} }; responses: { 204: NoContent; ${errors} } };`);
    out.push(`  ${stringLiteral(p.entity)}: {\n    parameters: { path: ${all} };\n${ops.join("\n")}\n  };`);
  }
  return out;
}

// openapi-fetch makes `params` optional only when `path` is `?: never`.
function pathParams(parameters: readonly PathParameter[], context: EmitContext): string {
  if (parameters.length === 0) return "never";
  const wire = { ...context, options: { ...context.options, ...WIRE_OPTIONS } };
  return `{ ${parameters.map((x) => `${propertyKey(x.name)}: ${x.edm === "enum" ? "string" : tsPrimitive(x.edm, wire)}`).join("; ")} }`;
}
