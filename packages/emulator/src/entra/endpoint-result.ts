import { entraErrorBody, type EntraErrorSpec } from "./entra-error.js";

/** What an endpoint handler answers; the server writes it. */
export interface EndpointResult {
  readonly status: number;
  readonly json?: unknown;
  readonly html?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly aadsts?: number;
}

export function errorResult(spec: EntraErrorSpec, now: number, correlationId: string | undefined): EndpointResult {
  return { status: spec.status, json: entraErrorBody(spec, now, correlationId), aadsts: spec.code };
}

export function jsonResult(json: unknown, status = 200): EndpointResult {
  return { status, json };
}
