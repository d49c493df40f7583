import { ConfigError } from "./config-error.js";

// Shared readers of untyped config values; each failure names the key, the expectation and an example.

export function record(value: unknown, key: string, example: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ConfigError(key, "an object", found(value), example);
  return value as Record<string, unknown>;
}

export function text(value: unknown, key: string, pattern: RegExp, expected: string, example: string): string {
  if (typeof value !== "string" || !pattern.test(value)) throw new ConfigError(key, expected, found(value), example);
  return value;
}

export function oneOf<const T extends readonly string[]>(value: unknown, key: string, allowed: T, fallback: T[number] | undefined, example: string): T[number] {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== "string" || !allowed.includes(value)) throw new ConfigError(key, allowed.map((a) => JSON.stringify(a)).join(" or "), found(value), example);
  return value as T[number];
}

export function found(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "function") return "a function";
  try {
    return JSON.stringify(value)?.slice(0, 80) ?? String(value);
  } catch {
    return String(value);
  }
}

