/** Severity, most severe first. `verbose` is per-request detail; production usually runs at `info` or `warning`. */
export type LogLevel = "error" | "warning" | "info" | "verbose";

export const LOG_LEVELS: readonly LogLevel[] = ["error", "warning", "info", "verbose"];

/** The allow-listed, primitive-only fields a log line may carry (see `LogFields` in log-record.ts). */
export type LogContext = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * The one logger interface of bcts. `@bcts/auth`'s `AuthLogger` has the same shape (structural, so
 * @bcts/odata never imports @bcts/auth): one object serves both packages. Every method is optional.
 * Messages and contexts are built from allow-listed fields only — never from headers or bodies — so
 * tokens, secrets and cookies cannot reach a logger by construction.
 *
 * @example
 * const logger = consoleLogger({ level: "info" });
 * const credential = new ClientSecretProvider({ tenantId, clientId, clientSecret, logger });
 * const bc = createBusinessCentralClient({ tenantId, credential, logger });
 * // warning bcts: throttled GET https://api.businesscentral.dynamics.com/v2.0/…/companies → 429, Retry-After 5000 ms (attempt 1) {"event":"throttled",…}
 */
export interface BctsLogger {
  error?(message: string, context?: LogContext): void;
  warning?(message: string, context?: LogContext): void;
  info?(message: string, context?: LogContext): void;
  verbose?(message: string, context?: LogContext): void;
}

export interface ConsoleLoggerOptions {
  /** Lines below this level are dropped. Default "info". */
  readonly level?: LogLevel;
  /** Default: console.error for error/warning, console.log otherwise. */
  readonly write?: (level: LogLevel, line: string) => void;
}

/**
 * A logger printing one line per record: `<level> <message> <context as JSON>`.
 *
 * @example
 * consoleLogger({ level: "verbose" }).verbose?.("bcts: GET … → 200 in 41 ms", { event: "response" })
 * // verbose bcts: GET … → 200 in 41 ms {"event":"response"}
 */
export function consoleLogger(options: ConsoleLoggerOptions = {}): BctsLogger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? "info");
  const write = options.write ?? ((level: LogLevel, line: string) => (level === "error" || level === "warning" ? console.error(line) : console.log(line)));
  const at = (level: LogLevel) =>
    LOG_LEVELS.indexOf(level) > threshold ? undefined : (message: string, context?: LogContext) => write(level, `${level} ${message}${context ? ` ${JSON.stringify(context)}` : ""}`);
  const logger: { -readonly [K in LogLevel]?: (message: string, context?: LogContext) => void } = {};
  for (const level of LOG_LEVELS) {
    const fn = at(level);
    if (fn) logger[level] = fn;
  }
  return logger;
}
