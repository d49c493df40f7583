import { readFileSync } from "node:fs";

/** One fenced block of docs/getting-started.md and what the page says to do with it. */
export type GettingStartedStep =
  | { readonly kind: "run"; readonly where: "project" | "bcts"; readonly line: number; readonly commands: string }
  | { readonly kind: "file"; readonly line: number; readonly path: string; readonly content: string }
  | { readonly kind: "not-run"; readonly line: number; readonly reason: string };

/**
 * Reads the steps of a getting-started page. Each fenced block is steered by the HTML comment
 * before it (other `<!-- … -->` lines, such as doc-sample directives, may sit in between):
 *   <!-- getting-started: run -->            shell commands, run in the reader's project folder
 *   <!-- getting-started: run in bcts -->    shell commands, run in the bcts checkout
 *   <!-- getting-started: file src/main.ts --> the block is that file's content
 *   <!-- getting-started: not run — reason --> shown only (needs a tenant, …)
 * A fenced block without a directive is an error, so the test cannot silently skip a command.
 */
export function readGettingStartedSteps(file: string): GettingStartedStep[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const steps: GettingStartedStep[] = [];
  let directive: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const comment = /^<!--\s*getting-started:\s*([\s\S]*?)\s*-->$/.exec(line);
    if (comment) {
      directive = comment[1]!;
      continue;
    }
    if (!line.startsWith("```")) continue;
    const start = i + 1;
    const body: string[] = [];
    for (i = start; i < lines.length && lines[i]!.trim() !== "```"; i++) body.push(lines[i]!);
    const content = `${body.join("\n")}\n`;
    if (directive === undefined) throw new Error(`${file}:${start}: fenced block without a <!-- getting-started: … --> directive`);
    if (directive === "run") steps.push({ kind: "run", where: "project", line: start, commands: content });
    else if (directive === "run in bcts") steps.push({ kind: "run", where: "bcts", line: start, commands: content });
    else if (directive.startsWith("file ")) steps.push({ kind: "file", line: start, path: directive.slice(5).trim(), content });
    else if (directive.startsWith("not run")) steps.push({ kind: "not-run", line: start, reason: directive.slice(7).replace(/^[\s—-]+/, "") });
    else throw new Error(`${file}:${start}: unknown directive "getting-started: ${directive}"`);
    directive = undefined;
  }
  return steps;
}

/**
 * One bash script that does every step in order, as a reader typing them would (a `cd` carries over),
 * with `::step <line>` markers on stdout so the output of each step can be found (and on stderr with
 * the time in milliseconds, for the timings the test prints). Files become
 * quoted here-documents, so `$` in them stays literal.
 */
export function gettingStartedScript(steps: readonly GettingStartedStep[]): string {
  const out = ["set -euo pipefail"];
  for (const step of steps) {
    switch (step.kind) {
      case "run":
        out.push(`echo "::step ${step.line}"`, `echo "::step ${step.line} at $(date +%s%3N)" >&2`);
        out.push(step.where === "bcts" ? `(cd "$BCTS_DIR" && {\n${step.commands}})` : step.commands);
        break;
      case "file":
        out.push(`echo "::step ${step.line}"`, `mkdir -p "$(dirname '${step.path}')"`, `cat > '${step.path}' <<'GETTING_STARTED_EOF'\n${step.content}GETTING_STARTED_EOF`);
        break;
      case "not-run":
        break;
      default: {
        const unreachable: never = step;
        throw new Error(`unknown step ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return `${out.join("\n")}\n`;
}
