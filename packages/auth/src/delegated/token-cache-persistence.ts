import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { randomBytes } from "node:crypto";

/**
 * Where a delegated provider keeps its MSAL token cache (accounts and refresh tokens) between runs.
 * The data is a secret: it lets whoever holds it act as the signed-in user.
 *
 * @example
 * const persistence: TokenCachePersistence = { load: () => redis.get(key), save: (d) => redis.set(key, d) };
 */
export interface TokenCachePersistence {
  /** The last saved data, or undefined when there is none. */
  load(): Promise<string | undefined>;
  save(data: string): Promise<void>;
}

/**
 * A file readable only by its owner (mode 0600, directory created 0700), replaced atomically on
 * every save. Not for several processes writing at once.
 */
export class FileTokenCachePersistence implements TokenCachePersistence {
  constructor(readonly path: string) {}

  async load(): Promise<string | undefined> {
    try {
      return await readFile(this.path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
  }

  async save(data: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temp, data, { mode: 0o600 });
    await chmod(temp, 0o600); // umask cannot widen it, but an existing file keeps its mode: be explicit
    await rename(temp, this.path);
  }
}

/** Keeps the cache in memory (the default): sign-ins last as long as the process. */
export class MemoryTokenCachePersistence implements TokenCachePersistence {
  #data: string | undefined;
  load(): Promise<string | undefined> {
    return Promise.resolve(this.#data);
  }
  save(data: string): Promise<void> {
    this.#data = data;
    return Promise.resolve();
  }
}
