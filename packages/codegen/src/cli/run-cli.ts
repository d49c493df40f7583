import { USAGE } from "./cli-usage.js";
import { cliVersion } from "./cli-version.js";
import { runDiff } from "./run-diff.js";
import { runDoctor } from "./run-doctor.js";
import { runGenerate } from "./run-generate.js";
import { runInit } from "./run-init.js";

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Ends `generate --watch` (the bin aborts it on Ctrl-C). */
  readonly abortSignal?: AbortSignal;
  /** HTTP for `doctor` (tests inject; default the global fetch). */
  readonly fetch?: typeof fetch;
}

const COMMANDS = ["generate", "init", "diff", "doctor"] as const;
type Command = (typeof COMMANDS)[number];

/** The `bcts` command line; returns the exit code (0 ok, 1 stale, breaking or a failed check, 2 usage or input error). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    switch (first) {
      case undefined:
        io.err(USAGE.main);
        return 2;
      case "--help":
      case "-h":
        io.out(USAGE.main);
        return 0;
      case "help": {
        const topic = rest[0];
        if (topic === undefined) io.out(USAGE.main);
        else if (isCommand(topic)) io.out(USAGE[topic]);
        else {
          io.err(`Unknown command "${topic}".\n${USAGE.main}`);
          return 2;
        }
        return 0;
      }
      case "--version":
      case "-v":
        io.out(cliVersion());
        return 0;
      default:
        if (!isCommand(first)) {
          io.err(`Unknown command "${first}".\n${USAGE.main}`);
          return 2;
        }
        if (rest.includes("--help") || rest.includes("-h")) {
          io.out(USAGE[first]);
          return 0;
        }
        return await runCommand(first, rest, io);
    }
  } catch (error) {
    io.err(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return 2;
  }
}

function isCommand(name: string): name is Command {
  return (COMMANDS as readonly string[]).includes(name);
}

function runCommand(command: Command, args: readonly string[], io: CliIo): Promise<number> {
  switch (command) {
    case "generate":
      return runGenerate(args, io);
    case "init":
      return runInit(args, io);
    case "diff":
      return runDiff(args, io);
    case "doctor":
      return runDoctor(args, io);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}
