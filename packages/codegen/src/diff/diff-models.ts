import type { EdmEntitySet, EdmEntityType, EdmEnumType, EdmModel, EdmOperation, EdmProperty, EdmValueType } from "../model/edm-model.js";
import type { MetadataChange } from "./metadata-change.js";

/**
 * Classifies what changed between two models of one route: additions are minor; removals, renames
 * (seen as a removal plus an addition) and type changes are major. Sorted by subject.
 */
export function diffModels(before: EdmModel, after: EdmModel): MetadataChange[] {
  const changes: MetadataChange[] = [];
  const add = (severity: MetadataChange["severity"], kind: MetadataChange["kind"], subject: string, detail: string) => changes.push({ severity, kind, subject, detail });

  compareBy(before.entitySets, after.entitySets, (s) => s.wireName, {
    added: (s) => add("minor", "added", `entity set ${s.wireName}`, `of type ${s.entityType}`),
    removed: (s) => add("major", "removed", `entity set ${s.wireName}`, "no longer served"),
    both: (a, b) => compareSets(a, b, add),
  });
  compareBy(before.entityTypes, after.entityTypes, (t) => t.qualifiedName, {
    added: (t) => add("minor", "added", `entity type ${t.qualifiedName}`, `${t.properties.length} properties`),
    removed: (t) => add("major", "removed", `entity type ${t.qualifiedName}`, "no longer declared"),
    both: (a, b) => compareTypes(a, b, add),
  });
  compareBy(before.complexTypes, after.complexTypes, (t) => t.qualifiedName, {
    added: (t) => add("minor", "added", `complex type ${t.qualifiedName}`, ""),
    removed: (t) => add("major", "removed", `complex type ${t.qualifiedName}`, ""),
    both: (a, b) => compareProperties(a.qualifiedName, a.properties, b.properties, add),
  });
  compareBy(before.enumTypes, after.enumTypes, (t) => t.qualifiedName, {
    added: (t) => add("minor", "added", `enum ${t.qualifiedName}`, `${t.members.length} members`),
    removed: (t) => add("major", "removed", `enum ${t.qualifiedName}`, ""),
    both: (a, b) => compareEnums(a, b, add),
  });
  compareOperations("unbound operation", before.unboundOperations, after.unboundOperations, add);
  return changes.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}

type Add = (severity: MetadataChange["severity"], kind: MetadataChange["kind"], subject: string, detail: string) => void;

function compareBy<T>(before: readonly T[], after: readonly T[], key: (t: T) => string, on: { added: (t: T) => void; removed: (t: T) => void; both: (a: T, b: T) => void }): void {
  const old = new Map(before.map((t) => [key(t), t]));
  const next = new Map(after.map((t) => [key(t), t]));
  for (const [k, t] of old) {
    const match = next.get(k);
    if (match === undefined) on.removed(t);
    else on.both(t, match);
  }
  for (const [k, t] of next) if (!old.has(k)) on.added(t);
}

function compareSets(a: EdmEntitySet, b: EdmEntitySet, add: Add): void {
  const subject = `entity set ${a.wireName}`;
  if (a.entityType !== b.entityType) add("major", "changed", subject, `type ${a.entityType} → ${b.entityType}`);
  if (a.scope !== b.scope) add("major", "changed", subject, `scope ${a.scope} → ${b.scope}`);
  for (const op of ["insert", "update", "delete"] as const) {
    if (a.capabilities[op] && !b.capabilities[op]) add("major", "changed", subject, `${op} no longer allowed`);
    if (!a.capabilities[op] && b.capabilities[op]) add("minor", "changed", subject, `${op} now allowed`);
  }
}

function compareTypes(a: EdmEntityType, b: EdmEntityType, add: Add): void {
  if (a.keys.join(",") !== b.keys.join(",")) add("major", "changed", `entity type ${a.qualifiedName}`, `key (${a.keys.join(", ")}) → (${b.keys.join(", ")})`);
  compareProperties(a.qualifiedName, a.properties, b.properties, add);
  compareBy(a.navigation, b.navigation, (n) => n.wireName, {
    added: (n) => add("minor", "added", `navigation ${a.qualifiedName}/${n.wireName}`, `to ${n.targetType}`),
    removed: (n) => add("major", "removed", `navigation ${a.qualifiedName}/${n.wireName}`, ""),
    both: (x, y) => {
      if (x.targetType !== y.targetType || x.collection !== y.collection) add("major", "changed", `navigation ${a.qualifiedName}/${x.wireName}`, `target ${x.targetType}${x.collection ? "[]" : ""} → ${y.targetType}${y.collection ? "[]" : ""}`);
    },
  });
  compareOperations(`action on ${a.qualifiedName}:`, a.actions, b.actions, add);
}

function compareProperties(owner: string, before: readonly EdmProperty[], after: readonly EdmProperty[], add: Add): void {
  const removed = before.filter((p) => !after.some((q) => q.wireName === p.wireName));
  const added = after.filter((p) => !before.some((q) => q.wireName === p.wireName));
  compareBy(before, after, (p) => p.wireName, {
    added: (p) => {
      const renamedFrom = removed.find((r) => typeText(r) === typeText(p));
      add(renamedFrom ? "major" : "minor", "added", `property ${owner}/${p.wireName}`, `${typeText(p)}${renamedFrom ? ` (renamed from ${renamedFrom.wireName}?)` : ""}`);
    },
    removed: (p) => add("major", "removed", `property ${owner}/${p.wireName}`, `${typeText(p)}${added.some((x) => typeText(x) === typeText(p)) ? " (renamed?)" : ""}`),
    both: (x, y) => {
      if (typeText(x) !== typeText(y)) add("major", "changed", `property ${owner}/${x.wireName}`, `type ${typeText(x)} → ${typeText(y)}`);
      else if (!x.nullable && y.nullable) add("major", "changed", `property ${owner}/${x.wireName}`, "may now be null");
      if (x.writableOnUpdate && !y.writableOnUpdate) add("major", "changed", `property ${owner}/${x.wireName}`, "no longer writable on update");
    },
  });
}

function compareEnums(a: EdmEnumType, b: EdmEnumType, add: Add): void {
  compareBy(a.members, b.members, (m) => m.wireName, {
    added: (m) => add("minor", "added", `enum member ${a.qualifiedName}/${m.wireName}`, `value ${m.value}`),
    removed: (m) => add("major", "removed", `enum member ${a.qualifiedName}/${m.wireName}`, ""),
    both: () => undefined,
  });
}

function compareOperations(label: string, before: readonly EdmOperation[], after: readonly EdmOperation[], add: Add): void {
  compareBy(before, after, (o) => o.wireName, {
    added: (o) => add("minor", "added", `${label} ${o.wireName}`, ""),
    removed: (o) => add("major", "removed", `${label} ${o.wireName}`, ""),
    both: (x, y) => {
      const sig = (o: EdmOperation) => `${o.parameters.map((p) => `${p.wireName}: ${typeText(p)}`).join(", ")} → ${o.returns ? typeText(o.returns) : "void"}`;
      if (sig(x) !== sig(y)) add("major", "changed", `${label} ${x.wireName}`, `(${sig(x)}) → (${sig(y)})`);
    },
  });
}

function typeText(v: EdmValueType): string {
  const t = v.type.kind === "primitive" ? v.type.name : v.type.qualifiedName;
  return v.collection ? `Collection(${t})` : t;
}
