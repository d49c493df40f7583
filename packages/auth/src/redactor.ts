const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const FORM_SECRET = /\b(client_secret|client_assertion|access_token|refresh_token|id_token|code_verifier|code|password|assertion)=([^&\s"]+)/g;
const PEM_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

/**
 * Defence in depth for messages and forwarded logs: removes the configured secret literals,
 * JWT-shaped strings, credential form fields, bearer headers and PEM private-key blocks.
 * MSAL itself was measured to leak none of these (msal-node-notes §7–8); this keeps it so.
 */
export class Redactor {
  readonly #literals: string[];

  constructor(literals: readonly (string | undefined)[] = []) {
    this.#literals = literals.filter((s): s is string => typeof s === "string" && s.length >= 4).sort((a, b) => b.length - a.length);
  }

  /** A redactor that also removes `more`. */
  with(...more: (string | undefined)[]): Redactor {
    return new Redactor([...this.#literals, ...more]);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.#literals) out = out.split(s).join("[redacted]");
    return out
      .replace(PEM_KEY, "[redacted private key]")
      .replace(JWT, "[redacted jwt]")
      .replace(FORM_SECRET, "$1=[redacted]")
      .replace(BEARER, "Bearer [redacted]");
  }
}
