import type { LoadedRoute } from "../metadata/loaded-route.js";
import { BcError, bcErrors } from "./bc-error.js";

/**
 * `/v2.0/{tenant}/{environment}/{route}/…` or `/v2.0/{environment}/{route}/…` (§2.1). Without a tenant
 * segment the tenant comes from the token (`tenantSegment` undefined).
 */
export interface BcUrl {
  readonly tenantSegment: string | undefined;
  readonly environment: string;
  readonly route: LoadedRoute;
  /** The path prefix up to and including the route, as the client wrote it (used for absolute links). */
  readonly rootPath: string;
  /** Resource segments after the route, percent-decoded. */
  readonly segments: readonly string[];
}

export function parseBcUrl(pathname: string, routes: readonly LoadedRoute[]): BcUrl {
  const raw = pathname.split("/").slice(1);
  if (raw[0] !== "v2.0" || raw.length < 3) throw bcErrors.resourceNotFound(raw[0] ?? "");
  const routeStarts = (i: number): LoadedRoute | undefined => {
    // Longest route first: api/microsoft/automation/v2.0 before api/{p}/{g}/{v} forms.
    const sorted = [...routes].sort((a, b) => b.path.split("/").length - a.path.split("/").length);
    return sorted.find((r) => {
      const parts = r.path.split("/");
      return parts.every((p, j) => raw[i + j]?.toLowerCase() === p.toLowerCase());
    });
  };
  let tenantSegment: string | undefined;
  let envIndex = 1;
  let route = routeStarts(2);
  if (!route) {
    route = routeStarts(3);
    if (!route) throw new BcError(404, "BadRequest_ResourceNotFound", `No route matches '${pathname}'.`);
    tenantSegment = decodeURIComponent(raw[1]!);
    envIndex = 2;
  }
  const routeEnd = envIndex + 1 + route.path.split("/").length;
  const segments = raw.slice(routeEnd).filter((s, i, all) => s !== "" || i < all.length - 1).map((s) => decodeURIComponent(s));
  return {
    tenantSegment,
    environment: decodeURIComponent(raw[envIndex]!),
    route,
    rootPath: `/${raw.slice(0, routeEnd).join("/")}`,
    segments: segments.filter((s) => s !== ""),
  };
}
