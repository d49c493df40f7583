import type { SurvivalProbe } from "../losses/survival-probe.js";
import { escapeRegExp, memberType, readGeneratedFiles, topLevelBlock } from "../output/generated-files.js";

/**
 * odata2ts keeps metadata names verbatim: entity type T → `export interface T` in <Service>Model.ts
 * (navigation properties are members of it), a bound operation A on T → a `T_QA` operation class in
 * Q<Service>.ts, an enum E → `export enum E`.
 */
export function odata2tsSurvivalProbe(codeDir: string): SurvivalProbe {
  const all = readGeneratedFiles(codeDir, /\.ts$/).map((f) => f.text).join("\n");
  const blocks = new Map<string, string | null>();
  const block = (type: string): string | null => {
    if (!blocks.has(type)) blocks.set(type, topLevelBlock(all, "interface", type));
    return blocks.get(type)!;
  };
  return {
    entityType: (type) => block(type) !== null,
    navigation: (owner, name) => memberType(block(owner) ?? "", name) !== null,
    boundAction: (binding, name) => new RegExp(`\\b${escapeRegExp(`${binding}_Q${name}`)}\\b`).test(all),
    stream: (owner, name) => isStreamType(memberType(block(owner) ?? "", name)),
    enumType: (name) => new RegExp(`^export enum ${escapeRegExp(name)}\\b`, "mi").test(all),
  };
}

/** A stream member counts only if typed as binary content (not string/any/unknown). */
export function isStreamType(type: string | null): boolean {
  if (type === null) return false;
  return /Blob|ArrayBuffer|Uint8Array|Buffer|ReadableStream|Stream|Media/.test(type) && !/Edm\.Any/.test(type);
}
