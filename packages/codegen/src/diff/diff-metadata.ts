import { parseCsdl } from "../csdl/parse-csdl.js";
import { DEFAULT_NAMING } from "../config/resolve-naming.js";
import { buildModel } from "../model/build-model.js";
import { diffModels } from "./diff-models.js";
import { bumpOf, type Bump, type MetadataChange } from "./metadata-change.js";

export interface MetadataDiff {
  readonly bump: Bump;
  readonly changes: readonly MetadataChange[];
  /** Readable summary, e.g. for a changeset or the terminal. */
  readonly summary: string;
}

export interface DiffMetadataOptions {
  readonly kind: "api" | "odatav4";
  readonly maxBytes?: number;
}

/**
 * Compares two `$metadata` documents of one route.
 *
 * @example
 * diffMetadata(oldXml, newXml, { kind: "api" }).summary
 * // minor: 3 additions, 0 breaking changes
 * //   + property Microsoft.NAV.employee/iban (Edm.String)
 */
export function diffMetadata(before: string, after: string, options: DiffMetadataOptions): MetadataDiff {
  const model = (xml: string, source: string) =>
    buildModel(parseCsdl(xml, { source, maxBytes: options.maxBytes ?? 32 * 1024 * 1024 }), { routeName: "diff", routeKind: options.kind, routePath: "diff", entitySets: "all", naming: DEFAULT_NAMING }, source);
  const changes = diffModels(model(before, "old document"), model(after, "new document"));
  const bump = bumpOf(changes);
  const major = changes.filter((c) => c.severity === "major");
  const minor = changes.filter((c) => c.severity === "minor");
  const line = (c: MetadataChange) => `  ${c.kind === "added" ? "+" : c.kind === "removed" ? "-" : "~"} ${c.subject}${c.detail ? ` (${c.detail})` : ""}`;
  const summary = bump === "none"
    ? "no API changes"
    : [`${bump}: ${major.length} breaking change(s), ${minor.length} addition(s)`, ...(major.length ? ["Breaking:", ...major.map(line)] : []), ...(minor.length ? ["Added:", ...minor.map(line)] : [])].join("\n");
  return { bump, changes, summary };
}
