import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { PackageManifest } from "./workspace-packages.js";

/** The bytes of each regular file in a (gzipped) npm tarball, keyed by path without the leading `package/`. */
export function untarFiles(gzipped: Uint8Array): Map<string, Buffer> {
  const tar = gunzipSync(gzipped);
  const files = new Map<string, Buffer>();
  let paxPath: string | undefined;
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1) || "0";
    const prefix = field(345, 155);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    if (type === "x") paxPath = /\d+ path=([^\n]*)\n/.exec(body.toString("utf8"))?.[1];
    else if (type === "0") {
      const name = paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
      files.set(name.replace(/^[^/]+\//, ""), Buffer.from(body));
      paxPath = undefined;
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** The package.json inside a packed tarball — what the registry and every installer will see. */
export async function readPackedManifest(tarballPath: string): Promise<PackageManifest> {
  const manifest = untarFiles(await readFile(tarballPath)).get("package.json");
  if (!manifest) throw new Error(`${tarballPath} has no package.json`);
  return JSON.parse(manifest.toString("utf8")) as PackageManifest;
}
