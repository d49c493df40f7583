#!/usr/bin/env node
import { runCli } from "./cli/run-cli.js";

// Ctrl-C ends `bcts generate --watch` cleanly (exit code of the first run); other commands stop at once.
const controller = new AbortController();
const watching = process.argv.includes("--watch");
const stop = (): void => {
  if (watching && !controller.signal.aborted) controller.abort();
  else process.exit(130);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  abortSignal: controller.signal,
});
process.off("SIGINT", stop);
process.off("SIGTERM", stop);
