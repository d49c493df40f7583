import { spawn } from "node:child_process";

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the command after this many milliseconds (default 180 s). */
  readonly timeoutMs?: number;
}

/** Runs a command and resolves with its exit code and output; never throws for a non-zero exit. */
export type CommandRunner = (command: string, args: readonly string[], options: CommandOptions) => Promise<CommandResult>;

export class CommandError extends Error {
  override readonly name = "CommandError";
  constructor(
    readonly commandLine: string,
    readonly result: CommandResult,
  ) {
    super(`\`${commandLine}\` exited with ${result.code}\n${tail(result.stderr)}\n${tail(result.stdout)}`.trimEnd());
  }
}

function tail(text: string): string {
  return text.split("\n").slice(-40).join("\n");
}

export const runCommand: CommandRunner = (command, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGTERM"), options.timeoutMs ?? 180_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });

/** Runs a command and throws a CommandError with its output unless it exits with 0. */
export async function runChecked(run: CommandRunner, command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new CommandError([command, ...args].join(" "), result);
  return result;
}
