import type { SurvivalProbe } from "../losses/survival-probe.js";
import { escapeRegExp, readGeneratedFiles } from "../output/generated-files.js";

/**
 * bcts emits one runtime descriptor per entity type (docs/architecture.md, Contract 1):
 * `registry.define<…>({ name: "NS.T", …, navigation: { N: { target: … } }, actions: { A: { name: "NS.A", kind } },
 * streams: [...] })`; enums are `export const E = {…} as const` in enums.ts.
 */
export function bctsSurvivalProbe(codeDir: string): SurvivalProbe {
  const files = readGeneratedFiles(codeDir, /\.ts$/);
  const descriptors = new Map<string, string>();
  for (const f of files) {
    for (const m of f.text.matchAll(/\.define<[^>]*>\(\{\s*name:\s*"([^"]+)"/g)) {
      const end = f.text.indexOf("\n});", m.index);
      const type = m[1]!.slice(m[1]!.lastIndexOf(".") + 1);
      descriptors.set(type, f.text.slice(m.index, end < 0 ? undefined : end));
    }
  }
  const enumNames = new Set(files.flatMap((f) => [...f.text.matchAll(/^export const (\w+)\s*=\s*\{/gm)].map((m) => m[1]!.toLowerCase())));
  const section = (type: string, key: string): string => {
    const d = descriptors.get(type) ?? "";
    const at = d.search(new RegExp(`\\b${key}:\\s*`));
    if (at < 0) return "";
    const rest = d.slice(at);
    const next = rest.slice(key.length + 1).search(/\n\s{0,4}(?:name|keys|properties|navigation|actions|functions|streams|capabilities):/);
    return next < 0 ? rest : rest.slice(0, next + key.length + 1);
  };
  return {
    entityType: (type) => descriptors.has(type),
    navigation: (owner, name) => new RegExp(`["']?\\b${escapeRegExp(name)}["']?\\s*:\\s*\\{\\s*target\\b`).test(section(owner, "navigation")),
    boundAction: (binding, name) =>
      new RegExp(`name:\\s*"(?:[\\w.]+\\.)?${escapeRegExp(name)}"`).test(section(binding, "actions") + section(binding, "functions")),
    stream: (owner, name) => new RegExp(`["']${escapeRegExp(name)}["']`).test(section(owner, "streams")),
    enumType: (name) => enumNames.has(name.toLowerCase()),
  };
}
