import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Downloads `name@version` as the registry serves it (packument → dist.tarball) into `dir`; resolves to the file. */
export async function fetchPublishedTarball(registryUrl: string, name: string, version: string, dir: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const packumentUrl = new URL(name.replace("/", "%2f"), registryUrl);
  const response = await fetchImpl(packumentUrl);
  if (!response.ok) throw new Error(`GET ${packumentUrl} → ${response.status}`);
  const packument = (await response.json()) as { versions?: Record<string, { dist?: { tarball?: string } }> };
  const tarballUrl = packument.versions?.[version]?.dist?.tarball;
  if (!tarballUrl) throw new Error(`${name}@${version} is not on ${registryUrl} (versions: ${Object.keys(packument.versions ?? {}).join(", ") || "none"})`);
  const tarball = await fetchImpl(tarballUrl);
  if (!tarball.ok) throw new Error(`GET ${tarballUrl} → ${tarball.status}`);
  const path = join(dir, `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`);
  await writeFile(path, new Uint8Array(await tarball.arrayBuffer()));
  return path;
}
