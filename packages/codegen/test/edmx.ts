/** A minimal EDMX wrapper for table tests: `edmx(schemaBody)` → a complete v4 document. */
export function edmx(schemaBody: string, options: { namespace?: string; version?: string; extraSchemas?: string } = {}): string {
  const namespace = options.namespace ?? "Microsoft.NAV";
  return `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="${options.version ?? "4.0"}" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="${namespace}" xmlns="http://docs.oasis-open.org/odata/ns/edm">${schemaBody}</Schema>${options.extraSchemas ?? ""}</edmx:DataServices></edmx:Edmx>`;
}
