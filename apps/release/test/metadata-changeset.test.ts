import { readdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { diffMetadata } from "@bcts/codegen";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { copyWorkspace } from "../src/copy-workspace.js";
import { runCommand } from "../src/run-command.js";
import { incrementVersion } from "../src/semver-lite.js";
import { makeTempDir, type TempDir } from "../src/temp-dir.js";
import { versionDryRun } from "../src/version-dry-run.js";
import { writeMetadataChangeset } from "../src/write-metadata-changeset.js";

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const snapshotPath = join(repoRoot, "packages", "client", "metadata", "api-v2.0.xml");
const options = { packageName: "@bcts/client", route: "api/v2.0", kind: "api" } as const;

/** The customer entity type's block in a snapshot, so each variant edits only that. */
function editCustomer(xml: string, edit: (block: string) => string): string {
  const start = xml.indexOf('<EntityType Name="customer">');
  const end = xml.indexOf("</EntityType>", start);
  if (start < 0 || end < 0) throw new Error("the snapshot has no customer entity type");
  const edited = edit(xml.slice(start, end));
  if (edited === xml.slice(start, end)) throw new Error("the edit changed nothing");
  return xml.slice(0, start) + edited + xml.slice(end);
}

/** Newer snapshots: one adds a property to customer, one drops one, one is byte-identical. */
const variants = {
  "adds a property": (xml: string) => editCustomer(xml, (b) => b.replace("</Key>", '</Key>\n                <Property Name="releaseProbeCode" Type="Edm.String" MaxLength="20" />')),
  "removes a property": (xml: string) => editCustomer(xml, (b) => b.replace(/\s*<Property Name="addressLine2"[^>]*\/>/, "")),
};

describe("regenerating the client from a newer $metadata snapshot", () => {
  let snapshot: string;
  let clientVersion: string;
  const temps: TempDir[] = [];

  beforeAll(async () => {
    snapshot = await readFile(snapshotPath, "utf8");
    clientVersion = (JSON.parse(await readFile(join(repoRoot, "packages", "client", "package.json"), "utf8")) as { version: string }).version;
  });
  afterEach(async () => {
    await Promise.all(temps.splice(0).map((t) => t.remove()));
  });

  it("lets codegen's diff tell the variants apart (an addition is minor, a removal major)", () => {
    expect(diffMetadata(snapshot, variants["adds a property"](snapshot), { kind: "api" }).bump).toBe("minor");
    expect(diffMetadata(snapshot, variants["removes a property"](snapshot), { kind: "api" }).bump).toBe("major");
  });

  it.each(Object.keys(variants) as (keyof typeof variants)[])(
    "%s: writes a changeset with the bump codegen's diff decides, and `changeset version` applies it to @bcts/client",
    async (variant) => {
      const newer = variants[variant](snapshot);
      const decided = diffMetadata(snapshot, newer, { kind: "api" });
      if (decided.bump === "none") throw new Error(`codegen's diff sees no change for "${variant}"`);
      const work = await makeTempDir("metadata");
      temps.push(work);
      const root = join(work.path, "repo");
      await copyWorkspace(repoRoot, root, { publishedFiles: false });
      // Only this changeset: pending ones from other work would hide which bump came from where.
      for (const f of await readdir(join(root, ".changeset"))) if (f.endsWith(".md") && f.toLowerCase() !== "readme.md") await rm(join(root, ".changeset", f));

      const written = await writeMetadataChangeset(root, snapshot, newer, options);
      expect(written?.bump).toBe(decided.bump);
      const text = await readFile(written!.path, "utf8");
      expect(text.startsWith(`---\n"@bcts/client": ${decided.bump}\n---\n`)).toBe(true);
      for (const change of decided.changes) expect(text).toContain(change.subject);

      const dryRun = await versionDryRun(runCommand, repoRoot, root);
      const client = dryRun.after.get("@bcts/client")!;
      expect(client.manifest.version).toBe(incrementVersion(clientVersion, decided.bump));
      expect(client.changelog).toContain(decided.changes[0]!.subject);
      expect(dryRun.changesetsLeft).toEqual([]);
    },
    60_000,
  );

  it("writes no changeset when the snapshot did not change", async () => {
    const work = await makeTempDir("metadata");
    temps.push(work);
    const root = join(work.path, "repo");
    await copyWorkspace(repoRoot, root, { publishedFiles: false });
    const before = await readdir(join(root, ".changeset"));
    expect(await writeMetadataChangeset(root, snapshot, snapshot, options)).toBeUndefined();
    expect(await readdir(join(root, ".changeset"))).toEqual(before);
  });
});
