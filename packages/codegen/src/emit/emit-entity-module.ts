import { StructureKind } from "./structure-kind.js";
import type { InterfaceDeclarationStructure, StatementStructures } from "ts-morph";
import type { EdmEntityType, EdmOperation } from "../model/edm-model.js";
import { constStatement, typeAliasStatement } from "./const-statement.js";
import type { EmitContext } from "./emit-context.js";
import { emitEntityInterfaces, isStream } from "./emit-entity-interfaces.js";
import type { EmittedFile } from "./emitted-file.js";
import { ImportSet } from "./import-set.js";
import { docText, identifier, inlineObjectLiteral, moduleFileName, objectLiteral, relativeModule, stringLiteral, typeLiteral } from "./literals.js";
import { propertyKind, tsType } from "./ts-type.js";

/**
 * One module per entity type: its interfaces, `XModel extends EntityModel`, the `xType` descriptor
 * registered in the route's registry, and one `defineEntitySet` per set of that type (Contract 1).
 * Navigation targets are referenced by model interface name and by qualified type name only.
 */
export function emitEntityModule(type: EdmEntityType, context: EmitContext): EmittedFile {
  const self = relativeModule(type.names.file);
  const imports = new ImportSet(self);
  const runtime = context.options.runtimeModule;
  const interfaces = emitEntityInterfaces(type, context, imports);
  const members = modelMembers(type, context, imports);
  const model: InterfaceDeclarationStructure = {
    kind: StructureKind.Interface,
    name: identifier(type.names.model),
    isExported: true,
    extends: [imports.add(runtime, "EntityModel", true)],
    docs: [docText(`Type-level model of ${type.qualifiedName} for the runtime's generic clients.`)],
    properties: members.model.map(([name, text]) => ({ kind: StructureKind.PropertySignature, name, isReadonly: true, type: text })),
  };
  const parts = members.parts.map(([name, entries, doc]) => typeAliasStatement(name, entries, doc));
  const descriptor = objectLiteral([
    ["name", stringLiteral(type.qualifiedName)],
    ["keys", `[${type.keys.map(stringLiteral).join(", ")}]`],
    ["properties", objectLiteral(type.properties.map((p) => [p.wireName, stringLiteral(propertyKind(p))]), "  ")],
    ["navigation", objectLiteral(type.navigation.map((n) => [n.wireName, `{ target: ${stringLiteral(n.targetType)}, collection: ${n.collection} }`]), "  ")],
    ["actions", objectLiteral(type.actions.map((a) => [a.memberName, operationDescriptor(a)]), "  ")],
    ["streams", `[${type.properties.filter(isStream).map((p) => stringLiteral(p.wireName)).join(", ")}]`],
    ...dialectMembers(type, context),
  ]);
  const statements: (string | StatementStructures)[] = [
    ...interfaces,
    ...parts,
    model,
    constStatement(type.names.descriptor, `${imports.add("./registry.js", "registry", false)}.define<${type.names.model}>(${descriptor})`, `Runtime descriptor of ${type.qualifiedName}.`),
  ];
  statements.push(`declare module "./registry.js" {\n  interface Models {\n    ${stringLiteral(type.qualifiedName)}: ${type.names.model};\n  }\n}`);
  for (const set of context.model.entitySets.filter((s) => s.entityType === type.qualifiedName)) {
    const define = imports.add(runtime, "defineEntitySet", false);
    const body = objectLiteral([
      ["name", stringLiteral(set.wireName)],
      ["type", type.names.descriptor],
      ["scope", stringLiteral(set.scope)],
      ["capabilities", `{ insert: ${set.capabilities.insert}, update: ${set.capabilities.update}, delete: ${set.capabilities.delete} }`],
      ...(context.model.dialect === "odata" ? [["optimisticConcurrency", String(set.optimisticConcurrency)] as const] : []),
    ]);
    const where = set.scope === "company" ? "under a company" : "at the route root";
    statements.push(constStatement(set.constName, `${define}<${type.names.model}, ${stringLiteral(set.scope)}>(${body})`, `Entity set \`${set.wireName}\` (${where}).`));
  }
  return { kind: "typescript", fileName: moduleFileName(type.names.file), statements: [...imports.structures(), ...statements] };
}

/**
 * `dialect` and `optimisticConcurrency` of a standard OData type: writes need If-Match only when a set of
 * the type declares `Core.OptimisticConcurrency`. Nothing for Business Central (the runtime's default).
 */
function dialectMembers(type: EdmEntityType, context: EmitContext): (readonly [string, string])[] {
  if (context.model.dialect !== "odata") return [];
  const concurrency = context.model.entitySets.some((s) => s.entityType === type.qualifiedName && s.optimisticConcurrency);
  return [["dialect", stringLiteral("odata")], ["optimisticConcurrency", String(concurrency)]];
}

interface ModelMembers {
  readonly model: readonly (readonly [string, string])[];
  /** Interfaces for `fields`, `navigation`, `actions`: [name, members, doc]. */
  readonly parts: readonly (readonly [string, readonly (readonly [string, string])[], string])[];
}

function modelMembers(type: EdmEntityType, context: EmitContext, imports: ImportSet): ModelMembers {
  const runtime = context.options.runtimeModule;
  const keyProps = type.keys.map((k) => type.properties.find((p) => p.wireName === k)!);
  const key = keyProps.length === 0 ? "never"
    : keyProps.length === 1 ? tsType({ ...keyProps[0]!, nullable: false }, "input", context, imports)
    : typeLiteral(keyProps.map((p) => [p.wireName, tsType({ ...p, nullable: false }, "input", context, imports)]));
  const fields = type.properties.filter((p) => !isStream(p)).map((p): [string, string] => {
    if (p.collection || p.type.kind === "complex" || p.type.kind === "entity") return [p.wireName, imports.add(runtime, "OpaqueField", true)];
    if (p.type.kind === "enum") return [p.wireName, `${imports.add(runtime, "EnumField", true)}<${tsType({ ...p, nullable: false }, "read", context, imports)}>`];
    return [p.wireName, stringLiteral(p.type.name)];
  });
  // By qualified name only: the target may live in a module this program never loads, or be pruned.
  const navigation = type.navigation.map((n): [string, string] =>
    [n.wireName, `${imports.add(runtime, "NavigationModel", true)}<${imports.add("./registry.js", "ModelOf", true)}<${stringLiteral(n.targetType)}>, ${n.collection}>`]);
  const actions = type.actions.map((a): [string, string] => [a.memberName, actionModel(a, context, imports)]);
  const streams = type.properties.filter(isStream).map((p) => stringLiteral(p.wireName));
  const { names } = type;
  return {
    model: [
      ["entity", names.read],
      ["create", names.create],
      ["update", names.update],
      ["key", key],
      ["fields", names.fields],
      ["navigation", names.navigation],
      ["actions", names.actions],
      ["streams", streams.length > 0 ? streams.join(" | ") : "never"],
    ],
    parts: [
      [names.fields, fields, `Filterable fields of ${type.qualifiedName} and their EDM types.`],
      [names.navigation, navigation, `Navigation properties of ${type.qualifiedName} (for $expand); targets referenced by model name.`],
      [names.actions, actions, `Bound actions of ${type.qualifiedName}.`],
    ],
  };
}

/** `ActionModel<{ readonly name: string | null }, boolean | null>`; `{}` and `void` when there is nothing. */
export function actionModel(operation: EdmOperation, context: EmitContext, imports: ImportSet): string {
  const params = typeLiteral(operation.parameters.map((p) => [p.wireName, tsType(p, "input", context, imports)]));
  const result = operation.returns ? tsType(operation.returns, "read", context, imports) : "void";
  return `${imports.add(context.options.runtimeModule, "ActionModel", true)}<${params}, ${result}>`;
}

/** `{ name: "Microsoft.NAV.post", kind: "action", parameters: {}, returns: null }`. */
export function operationDescriptor(operation: EdmOperation): string {
  // A parameter named `toString` or `constructor` (plausible AL names) needs its kind pinned `as const`.
  const parameters = inlineObjectLiteral(operation.parameters.map((p) => [p.wireName, stringLiteral(propertyKind(p))]));
  return `{ name: ${stringLiteral(operation.wireName)}, kind: ${stringLiteral(operation.kind)}, parameters: ${parameters}, returns: ${operation.returns ? stringLiteral(propertyKind(operation.returns)) : "null"} }`;
}
