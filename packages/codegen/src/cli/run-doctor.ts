import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { RouteConfig } from "../config/config-types.js";
import { ConfigError } from "../config/config-error.js";
import { loadConfig } from "../config/load-config.js";
import { resolveConfig } from "../config/resolve-config.js";
import { formatDoctorStep } from "../doctor/doctor-step.js";
import { runDoctorChecks, type DoctorRoute } from "../doctor/run-doctor-checks.js";
import type { CliIo } from "./run-cli.js";

/** `bcts doctor [--config bcts.config.ts] [--timeout-ms 15000]`: exit 0 when every step passes, 1 at the first failure. */
export async function runDoctor(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], strict: true, options: { config: { type: "string" }, "timeout-ms": { type: "string" } } });
  const timeoutInMs = Number(values["timeout-ms"] ?? "15000");
  if (!Number.isInteger(timeoutInMs) || timeoutInMs <= 0) throw new ConfigError("--timeout-ms", "a positive whole number of milliseconds", JSON.stringify(values["timeout-ms"]), "--timeout-ms 30000");
  const configPath = resolve(io.cwd, values.config ?? "bcts.config.ts");
  let routes: DoctorRoute[] = [];
  if (existsSync(configPath)) {
    // Loading the config builds no credential when it uses lazyCredential; the doctor uses its own token.
    const config = (await loadConfig(configPath)) as { routes?: readonly RouteConfig[] };
    routes = (config.routes?.length ? resolveConfig({ routes: config.routes }, resolve(configPath, "..")) : []).flatMap((r) => (r.source.kind === "url" ? [{ name: r.name, path: r.path, url: r.source.url }] : []));
  } else if (values.config !== undefined) {
    throw new ConfigError("--config", "an existing config file", configPath, "bcts doctor --config bcts.config.ts");
  }
  const steps = await runDoctorChecks({ env: io.env, fetch: io.fetch ?? globalThis.fetch, routes, timeoutInMs });
  steps.forEach((step, index) => (step.kind === "fail" ? io.err : io.out)(formatDoctorStep(step, index)));
  const failed = steps.some((s) => s.kind === "fail");
  io.out(failed ? "Fix the step marked ✘ and run `bcts doctor` again." : "Every check passed.");
  return failed ? 1 : 0;
}
