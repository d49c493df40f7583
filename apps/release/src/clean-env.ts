/**
 * The environment for npm and pnpm child processes: the caller's, minus the npm_config_* /
 * npm_package_* / npm_lifecycle_* variables that `pnpm exec` or `npm run` inject, so the child
 * reads its registry settings from the .npmrc files of the directory it runs in. NODE_OPTIONS goes
 * too: the consumer program must run under plain node, as a user's would.
 */
export function cleanEnv(env: NodeJS.ProcessEnv, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_(config|package|lifecycle|execpath|node_execpath|command)/i.test(key)) continue;
    if (/^pnpm_/i.test(key) || key === "NODE_OPTIONS") continue;
    out[key] = value;
  }
  return { ...out, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", ...extra };
}
