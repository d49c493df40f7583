import { watch, type FSWatcher } from "node:fs";
import { dirname, resolve } from "node:path";

export interface WatchFilesOptions {
  /** The files to watch; asked again after every change (a changed config may name other snapshots). */
  readonly files: () => readonly string[];
  /** Called once per burst of changes, never twice at the same time. */
  readonly onChange: (changed: readonly string[]) => Promise<void>;
  readonly abortSignal: AbortSignal;
  /** Quiet time that ends a burst (editors and `git checkout` write in several steps). Default 150 ms. */
  readonly debounceInMs?: number;
}

/**
 * Watches files until `abortSignal` aborts. It watches their folders, not the files: a snapshot is
 * replaced by rename, and a watch on the old file would go quiet after the first change.
 *
 * @example
 * await watchFiles({ files: () => ["/p/bcts.config.ts", "/p/metadata/api-v2.0.xml"], onChange: regenerate, abortSignal });
 */
export async function watchFiles(options: WatchFilesOptions): Promise<void> {
  if (options.abortSignal.aborted) return;
  const debounce = options.debounceInMs ?? 150;
  let watchers: FSWatcher[] = [];
  let wanted = new Set<string>();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();

  const arm = (): void => {
    for (const w of watchers) w.close();
    wanted = new Set(options.files().map((f) => resolve(f)));
    const dirs = new Set([...wanted].map((f) => dirname(f)));
    watchers = [...dirs].map((dir) =>
      watch(dir, (_event, name) => {
        const file = name === null ? undefined : resolve(dir, name.toString());
        if (file === undefined || !wanted.has(file)) return;
        pending.add(file);
        clearTimeout(timer);
        timer = setTimeout(flush, debounce);
      }),
    );
  };
  const flush = (): void => {
    const changed = [...pending];
    pending = new Set();
    running = running.then(async () => {
      if (options.abortSignal.aborted) return;
      await options.onChange(changed);
      if (!options.abortSignal.aborted) arm();
    });
  };

  arm();
  await new Promise<void>((done) => options.abortSignal.addEventListener("abort", () => done(), { once: true }));
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
}
