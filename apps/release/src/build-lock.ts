import { mkdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * Runs `fn` while holding the repository's build lock, a directory that `scripts/pack-packages.mjs`
 * takes too: the release rehearsal (build, then copy dist/) and the getting-started test (`npm run
 * pack:all`: build, then pack dist/) run in parallel under vitest, and one must not rebuild dist/ while
 * the other reads it. A lock older than 15 minutes is taken over (a killed run leaves it behind).
 */
export async function withBuildLock<T>(repoRoot: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(repoRoot, "node_modules", ".cache", "bcts-build.lock");
  await mkdir(join(lock, ".."), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 15 * 60_000) await rm(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
