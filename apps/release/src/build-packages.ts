import { cleanEnv } from "./clean-env.js";
import { pnpmCommand } from "./pnpm-command.js";
import { runChecked, type CommandResult, type CommandRunner } from "./run-command.js";

/** `turbo run build` for every package under packages/ — the first half of `pnpm release`. */
export async function buildPackages(run: CommandRunner, repoRoot: string): Promise<CommandResult> {
  const pnpm = await pnpmCommand(repoRoot);
  return runChecked(run, pnpm.command, [...pnpm.prefix, "exec", "turbo", "run", "build", "--filter=./packages/*", "--output-logs=errors-only"], {
    cwd: repoRoot,
    env: cleanEnv(process.env),
    timeoutMs: 240_000,
  });
}
