/** What the transport and every policy speak: a WHATWG `Request` in, a `Response` out. */
export type FetchLike = (request: Request) => Promise<Response>;

/** One step of the pipeline; calls `next` zero, one or several times. */
export type Policy = (request: Request, next: FetchLike) => Promise<Response>;

/**
 * Composes policies around a transport, outermost first.
 *
 * @example
 * const send = composePipeline([retry, limiter, timeout, bearer], fetch);
 * await send(new Request("https://api.businesscentral.dynamics.com/v2.0/…/api/v2.0/companies"));
 */
export function composePipeline(policies: readonly Policy[], transport: FetchLike): FetchLike {
  return policies.reduceRight<FetchLike>((next, policy) => (request) => policy(request, next), transport);
}
