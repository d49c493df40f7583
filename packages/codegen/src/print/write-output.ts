import { closeSync, mkdirSync, open, unlinkSync, writeFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { PrintedFiles } from "./print-files.js";

/**
 * Replaces `outDir` with exactly `files`, all or nothing: the files go to a temporary sibling
 * folder first, which is then renamed over the old one. A failure leaves the old output intact.
 */
export async function writeOutput(outDir: string, files: PrintedFiles): Promise<void> {
  const staged = await stageOutput(outDir);
  try {
    for (const name of files.keys()) staged.prepare(name);
    for (const [name, text] of files) staged.write(name, text);
    await staged.commit();
  } finally {
    await staged.discard();
  }
}

/** An output folder being written: private until `commit` renames it over `outDir`. */
export interface StagedOutput {
  /**
   * Starts creating the file `name` in the background (libuv's thread pool), to be filled by `write`:
   * call it as soon as the name is known, e.g. when the file is emitted, so that its creation overlaps printing.
   */
  prepare(name: string): void;
  /** Writes one file into the private folder: at once when it is not prepared or already created, else once it is. */
  write(name: string, text: string): void;
  /** Replaces `outDir` with the private folder (all or nothing). */
  commit(): Promise<void>;
  /** Removes the private folder if it was not committed (idempotent; call it in `finally`). */
  discard(): Promise<void>;
}

/**
 * Starts writing `outDir`'s replacement into a temporary sibling folder, so that files can be written
 * as soon as they are printed (`generate()` with the print worker) and still replace the old output
 * all at once.
 */
export async function stageOutput(outDir: string): Promise<StagedOutput> {
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  const token = `${process.pid}-${Date.now().toString(36)}-${(staged++).toString(36)}`;
  const temp = join(parent, `.${basename(outDir)}.tmp-${token}`);
  const old = join(parent, `.${basename(outDir)}.old-${token}`);
  await mkdir(temp);
  const dirs = new Set<string>();
  const prepared = new Map<string, Prepared>();
  let held = 0; // files being created or created and not yet written: at most MAX_PREPARED descriptors
  let done = false;
  const pathOf = (name: string): string => {
    const path = join(temp, name);
    const dir = dirname(path);
    if (!dirs.has(dir)) mkdirSync(dir, { recursive: true });
    dirs.add(dir);
    return path;
  };
  const usable = (): void => {
    if (done) throw new Error(`${outDir}: the staged output was already committed or discarded`);
  };
  const writeNow = (file: Prepared, path: string, text: string): boolean => {
    try {
      writeFileSync(file.fd ?? path, text, "utf8");
      file.state = "written";
      return true;
    } catch (error) {
      file.state = "failed";
      file.error = error;
      return false;
    } finally {
      file.text = undefined;
      release(file);
    }
  };
  const release = (file: Prepared): void => {
    if (file.fd !== undefined) closeSync(file.fd);
    file.fd = undefined;
    held--;
  };
  // Waits for every creation, then removes the files that were created but never written (so the
  // folder holds exactly what was written) and reports the first write that failed.
  const settle = async (): Promise<void> => {
    await Promise.all([...prepared.values()].map((file) => file.opened));
    let failure: unknown;
    for (const [name, file] of prepared) {
      if (file.state === "open") {
        const created = file.fd !== undefined;
        release(file);
        if (created) unlinkSync(join(temp, name));
      }
      if (file.state === "failed" && failure === undefined) failure = file.error;
    }
    prepared.clear();
    if (failure !== undefined) throw failure;
  };
  return {
    prepare(name) {
      usable();
      if (prepared.has(name) || held >= MAX_PREPARED) return;
      const path = pathOf(name);
      const file: Prepared = { state: "opening", fd: undefined, text: undefined, error: undefined, opened: undefined as unknown as Promise<void> };
      held++;
      file.opened = new Promise<void>((resolve) => {
        open(path, "w", 0o666, (error, fd) => {
          // Not created: `writeNow` writes it the plain way, which reports what is wrong.
          if (!error) file.fd = fd;
          file.state = "open";
          if (file.text !== undefined) writeNow(file, path, file.text);
          resolve();
        });
      });
      prepared.set(name, file);
    },
    // Synchronous on purpose: for ODataV4's 175 files (5.5 MB) one awaited mkdir + writeFile per file
    // took 100-150 ms, writeFileSync 70 ms (parallel promises 95 ms), filling files `prepare` created
    // while printing ~6 ms. The folder is private until renamed.
    write(name, text) {
      usable();
      const file = prepared.get(name);
      if (file === undefined || file.state === "written" || file.state === "failed") return writeFileSync(pathOf(name), text, "utf8");
      if (file.state === "opening") {
        file.text = text; // written when created; a failure is reported by `commit`
        return;
      }
      if (!writeNow(file, join(temp, name), text)) throw file.error;
    },
    async commit() {
      usable();
      await settle();
      const existed = await rename(outDir, old).then(() => true, (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw error;
      });
      try {
        await rename(temp, outDir);
        done = true;
      } catch (error) {
        if (existed) await rename(old, outDir);
        throw error;
      }
      if (existed) await rm(old, { recursive: true, force: true });
    },
    async discard() {
      if (done) return;
      done = true;
      await settle().catch(() => undefined);
      await rm(temp, { recursive: true, force: true });
    },
  };
}

// Creating a file is most of writing one on ext4 (measured on the 2-core VM: openat ~250 µs per file,
// i.e. ~45 ms of ODataV4's 175 files; writing its 5.5 MB ~7 ms). `prepare` creates the files on
// libuv's thread pool while this thread prints, and `write` then only fills them. Bounded, so a
// document with thousands of files holds at most this many descriptors; the rest are written plainly.
const MAX_PREPARED = 256;

interface Prepared {
  state: "opening" | "open" | "written" | "failed";
  fd: number | undefined;
  /** The text `write` got while the file was still being created. */
  text: string | undefined;
  error: unknown;
  opened: Promise<void>;
}

let staged = 0;

/** Names of files whose committed content differs from `files` (missing, changed or extra). */
export async function staleFiles(outDir: string, files: PrintedFiles): Promise<string[]> {
  const stale: string[] = [];
  const existing = await listFiles(outDir);
  for (const [name, text] of files) {
    const current = await readFile(join(outDir, name), "utf8").catch(() => undefined);
    if (current !== text) stale.push(current === undefined ? `${name} (missing)` : `${name} (changed)`);
  }
  for (const name of existing) if (!files.has(name)) stale.push(`${name} (no longer generated)`);
  return stale.sort();
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}
