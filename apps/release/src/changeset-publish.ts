import { delimiter, dirname, join } from "node:path";
import { appendFile } from "node:fs/promises";
import { cleanEnv } from "./clean-env.js";
import { throwawayGitIdentity } from "./init-git-repo.js";
import type { LocalRegistry } from "./start-local-registry.js";
import { runChecked, type CommandResult, type CommandRunner } from "./run-command.js";

/**
 * `changeset publish` — the second half of the repo's `release` script — in the workspace copy at
 * `workDir`, aimed at the local registry: `@bcts:registry` is set both in the copy's .npmrc and in
 * the environment (changesets passes `npm_config_@bcts:registry` on to `npm info` and `pnpm
 * publish`; without it, it would fall back to registry.npmjs.org). `pnpmPath` is the pnpm it runs.
 */
export async function changesetPublish(
  run: CommandRunner,
  repoRoot: string,
  workDir: string,
  registry: Pick<LocalRegistry, "url" | "authToken">,
  pnpmPath: string,
): Promise<CommandResult> {
  const url = new URL(registry.url);
  await appendFile(join(workDir, ".npmrc"), `@bcts:registry=${url.href}\n//${url.host}${url.pathname}:_authToken=${registry.authToken}\n`);
  const bin = join(repoRoot, "node_modules", ".bin", "changeset");
  const env = cleanEnv(process.env, {
    ...throwawayGitIdentity,
    "npm_config_@bcts:registry": url.href,
    PATH: [dirname(pnpmPath), process.env["PATH"] ?? ""].join(delimiter),
    CI: "true", // never prompt for a one-time password
  });
  return runChecked(run, bin, ["publish"], { cwd: workDir, env, timeoutMs: 240_000 });
}
