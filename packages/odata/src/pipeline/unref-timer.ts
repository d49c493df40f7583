/**
 * Lets the process exit while `timer` is pending (Node's `unref`); a no-op where timers are numbers
 * (browsers, workers). Typed structurally so the runtime compiles without `@types/node` — consumers
 * type-check it with their own `types` settings.
 *
 * @example
 * unrefTimer(setTimeout(release, 250));
 */
export function unrefTimer(timer: unknown): void {
  (timer as { unref?: () => void } | undefined)?.unref?.();
}
