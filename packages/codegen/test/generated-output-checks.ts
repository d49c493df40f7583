import { dirname, join, posix } from "node:path";
import { runInContext, createContext } from "node:vm";
import ts from "typescript";

/**
 * Checks for generated output that are cheap enough to run on every one of 1,000 documents:
 * a token scan (what the document could have turned into code) and an import in a sandbox (what
 * loading the output does). Type-checking is the expensive third check; see the property test.
 */

/** The canary that hostile texts try to call: `*\/PWNED(1)/*`, `"+PWNED(1)+"`, `${PWNED(1)}`. */
export const CANARY = "PWNED";

export interface ScanFinding {
  readonly file: string;
  readonly problem: string;
}

/**
 * Scans every `.ts` file with the TypeScript scanner and reports: an identifier token equal to the
 * canary (document text that escaped a string literal or comment and became code), and any scanner
 * error (an unterminated string, comment or template: an escape that broke a literal).
 * Sanitised names can never equal the canary: every hostile text carries `(1)` after it, which
 * survives into any identifier made from it (`__PWNED_1___`, `PWNED_1`).
 */
export function scanOutput(files: ReadonlyMap<string, string>): ScanFinding[] {
  const findings: ScanFinding[] = [];
  for (const [file, text] of files) {
    if (!file.endsWith(".ts")) continue;
    let error: string | undefined;
    const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text, (message) => {
      error ??= ts.flattenDiagnosticMessageText(message.message, "\n");
    });
    // Template literal types (`${number}`) need their `}` rescanned as the template's continuation.
    const templates: number[] = [];
    let depth = 0;
    for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
      if (kind === ts.SyntaxKind.OpenBraceToken) depth++;
      else if (kind === ts.SyntaxKind.CloseBraceToken) {
        if (templates.at(-1) === depth) {
          if (scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateTail) templates.pop();
          continue;
        }
        depth--;
      } else if (kind === ts.SyntaxKind.TemplateHead) templates.push(depth);
      else if (kind === ts.SyntaxKind.Identifier && scanner.getTokenValue() === CANARY) {
        findings.push({ file, problem: `the identifier ${CANARY} outside any string or comment, at ${scanner.getTokenStart()}` });
      }
    }
    if (error !== undefined) findings.push({ file, problem: `scanner error: ${error}` });
  }
  return findings;
}

export interface ImportResult {
  /** What the output printed through any console method, or the canary's calls. */
  readonly printed: readonly string[];
  /** The error thrown while loading, if any. */
  readonly thrown: unknown;
}

/**
 * Loads `index.ts` (and, through it, every module it imports) in a fresh V8 context: each file is
 * transpiled to CommonJS, `@bcts/odata` is the real runtime, `console` and the canary record calls.
 * Cheaper than writing files and `import()`ing them through vite, and nothing leaks into the
 * test's own globals.
 */
export function importOutput(files: ReadonlyMap<string, string>, runtime: object, entry = "index.ts"): ImportResult {
  const printed: string[] = [];
  const record = (label: string) => (...args: unknown[]) => void printed.push(`${label}: ${args.map(String).join(" ")}`);
  const consoleSpy = Object.fromEntries(["log", "info", "warn", "error", "debug", "trace", "dir", "table"].map((m) => [m, record(`console.${m}`)]));
  const context = createContext({ console: consoleSpy, [CANARY]: record(CANARY) });
  const cache = new Map<string, { exports: unknown }>();
  const load = (file: string): unknown => {
    const hit = cache.get(file);
    if (hit) return hit.exports;
    const source = files.get(file);
    if (source === undefined) throw new Error(`generated code imports ${file}, which was not generated`);
    const module = { exports: {} as unknown };
    cache.set(file, module);
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false } }).outputText;
    const wrapper = runInContext(`(function (exports, require, module) {${js}\n})`, context, { filename: file }) as (e: unknown, r: (s: string) => unknown, m: unknown) => void;
    const require = (specifier: string): unknown => {
      if (specifier === "@bcts/odata") return runtime;
      if (specifier.startsWith("./")) return load(posix.normalize(join(dirname(file), specifier.replace(/\.js$/, ".ts"))));
      throw new Error(`generated code requires ${specifier}`);
    };
    wrapper(module.exports, require, module);
    return module.exports;
  };
  try {
    load(entry);
    return { printed, thrown: undefined };
  } catch (error) {
    return { printed, thrown: error };
  }
}
