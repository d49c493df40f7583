import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

/** Every file below `dir` (recursively), optionally only those whose name matches `only`. */
export function readGeneratedFiles(dir: string, only: RegExp = /\.(ts|js|mjs|cjs|json)$/): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d)) {
      if (entry === "node_modules") continue;
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (only.test(entry)) out.push({ path: relative(dir, p), text: readFileSync(p, "utf8") });
    }
  };
  walk(dir);
  return out;
}

/** The text of a top-level `export interface|class Name … {` … `\n}` block, or null. */
export function topLevelBlock(text: string, keyword: "interface" | "class" | "enum", name: string): string | null {
  const re = new RegExp(`^export (?:declare )?${keyword} ${escapeRegExp(name)}\\b[^\\n]*\\{`, "m");
  const m = re.exec(text);
  if (!m) return null;
  const end = text.indexOf("\n}", m.index);
  return text.slice(m.index, end < 0 ? undefined : end + 2);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A class/interface member declaration `name?:` / `name!:` / `declare name:` with its type text. */
export function memberType(block: string, name: string): string | null {
  const re = new RegExp(`^\\s*(?:declare |readonly |public )*["']?${escapeRegExp(name)}["']?[?!]?\\s*:\\s*([^;\\n]+)`, "m");
  return re.exec(block)?.[1]?.trim() ?? null;
}
