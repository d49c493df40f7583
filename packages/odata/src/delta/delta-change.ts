/**
 * One item of a delta sync (`company.customers.sync()`):
 * - `upsert`: the entity as it is now (created or changed since the last round; on a baseline, every row);
 * - `delete`: the entity with this `id` was deleted, or no longer matches the sync's `filter`;
 * - `rebaseline`: the delta link had expired (410 Gone) and `onExpired: "rebaseline"` was set; the
 *   upserts that follow are the complete set, so delete every mirrored row this round does not upsert.
 */
export type DeltaChange<T> =
  | { readonly kind: "upsert"; readonly entity: T }
  | { readonly kind: "delete"; readonly id: string }
  | { readonly kind: "rebaseline"; readonly reason: "expired" };

const DELETED_CONTEXT = /\/\$deletedEntity$|#\$deletedEntity$/;

/**
 * Classifies one entry of a delta payload. Deleted entries come in two documented shapes:
 * Business Central's (and OData 4.0 JSON §15.5): `{"@odata.context": "…#customers/$deletedEntity", "id": "…", "reason": "deleted"}`;
 * OData 4.01 JSON §15.4: `{"@removed": {"reason": "deleted"}, "@id": "customers(…)"}` or with the key `id`.
 * The id is the `id` property when present, else the key inside an entity-id URL's parentheses.
 *
 * @example
 * toDeltaChange({ "@odata.context": "…/$metadata#companies(1)/customers/$deletedEntity", id: "5c1…", reason: "deleted" })
 * // { kind: "delete", id: "5c1…" }
 */
export function toDeltaChange<T>(entry: Record<string, unknown>): DeltaChange<T> {
  const context = entry["@odata.context"];
  const removed = "@removed" in entry || "@odata.removed" in entry || (typeof context === "string" && DELETED_CONTEXT.test(context));
  if (!removed) return { kind: "upsert", entity: entry as T };
  return { kind: "delete", id: deletedId(entry) };
}

function deletedId(entry: Record<string, unknown>): string {
  const id = entry["id"];
  if (typeof id === "string" || typeof id === "number") {
    const text = String(id);
    return /\(.*\)$/.test(text) ? keyOf(text) : text;
  }
  const entityId = entry["@id"] ?? entry["@odata.id"];
  if (typeof entityId === "string") return keyOf(entityId);
  return "";
}

/** `https://…/customers(5c1…)` or `customers('10000')` → `5c1…` / `10000`. */
function keyOf(entityId: string): string {
  const m = /\(([^()]*)\)$/.exec(entityId);
  if (!m) return entityId;
  const key = m[1]!.replace(/^id=/, "");
  return key.startsWith("'") && key.endsWith("'") ? key.slice(1, -1).replace(/''/g, "'") : key;
}
