import { join } from "node:path";
import { cleanEnv } from "./clean-env.js";
import { runChecked, type CommandResult, type CommandRunner } from "./run-command.js";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * `npm install` in the consumer project: @bcts/* from the local registry, the rest from the normal one.
 * The lockfile keeps `resolved` URLs so a test can see where each package came from.
 */
export function installConsumer(run: CommandRunner, dir: string): Promise<CommandResult> {
  return runChecked(run, npm, ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--omit-lockfile-registry-resolved=false"], { cwd: dir, env: cleanEnv(process.env), timeoutMs: 240_000 });
}

/** The consumer's own TypeScript (installed from the registry) type-checks and compiles src/ into dist/. */
export function compileConsumer(run: CommandRunner, dir: string): Promise<CommandResult> {
  return runChecked(run, process.execPath, [join(dir, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: dir, env: cleanEnv(process.env) });
}

/** Runs the compiled program with plain node — no loader, no custom conditions — and returns its output. */
export function runConsumer(run: CommandRunner, dir: string): Promise<CommandResult> {
  return runChecked(run, process.execPath, [join(dir, "dist", "main.js")], { cwd: dir, env: cleanEnv(process.env), timeoutMs: 60_000 });
}

/** Executes an installed bin directly (node_modules/.bin/<name>), as a shell or `npx` would — so a missing shebang shows. */
export function runInstalledBin(run: CommandRunner, dir: string, name: string, args: readonly string[]): Promise<CommandResult> {
  return run(join(dir, "node_modules", ".bin", name), args, { cwd: dir, env: cleanEnv(process.env), timeoutMs: 30_000 });
}
