import { LogLevel, type NodeSystemOptions } from "@azure/msal-node";

type LoggerOptions = NonNullable<NodeSystemOptions["loggerOptions"]>;
import type { AuthLogger } from "../auth-logger.js";
import type { Redactor } from "../redactor.js";

// Emitted on every successful client-credential fetch; noise (msal-node-notes §8).
const NOISE = /No client info in response/;

/** MSAL's log forwarded at Warning and above, redacted, PII off. */
export function msalLoggerOptions(logger: AuthLogger | undefined, redactor: Redactor): LoggerOptions {
  return {
    logLevel: LogLevel.Warning,
    piiLoggingEnabled: false,
    loggerCallback(level, message, containsPii) {
      if (!logger || containsPii || NOISE.test(message)) return;
      const text = `msal: ${redactor.redact(message)}`;
      if (level === LogLevel.Error) logger.error?.(text);
      else if (level === LogLevel.Warning) logger.warning?.(text);
    },
  };
}
