import { cleanEnv } from "./clean-env.js";
import type { LocalRegistry } from "./start-local-registry.js";
import { runChecked, type CommandRunner } from "./run-command.js";

/** `npm publish <tarball>` to the local registry only (explicit --registry and a token for its host). */
export async function publishTarball(run: CommandRunner, registry: Pick<LocalRegistry, "url" | "authToken">, tarballPath: string, cwd: string): Promise<void> {
  const url = new URL(registry.url);
  await runChecked(
    run,
    process.platform === "win32" ? "npm.cmd" : "npm",
    ["publish", tarballPath, "--registry", url.href, `--//${url.host}${url.pathname}:_authToken=${registry.authToken}`, "--access", "public", "--ignore-scripts"],
    { cwd, env: cleanEnv(process.env) },
  );
}
