// `@sap/cds` ships no TypeScript types in this setup: the facade, typed only as far as this package uses it.

/** The CAP facade, typed only as far as this package uses it (`@sap/cds` ships no types here). */
export interface Cds {
  root: string;
  env: { requires: Record<string, unknown> };
  model: unknown;
  services: Record<string, CapService | undefined>;
  load(files: string | string[]): Promise<unknown>;
  compile: { for: { nodejs(csn: unknown): unknown } };
  connect: { to(name: string): Promise<unknown> };
  deploy(csn: unknown): { to(db: unknown): Promise<unknown> };
  serve(what: string): { from(model: unknown): { in(app: unknown): Promise<unknown> } };
  log(name: string, level?: unknown): unknown;
  run(query: unknown): Promise<unknown>;
  ql: Record<string, any>;
}

/** The part of a CAP service this package uses. */
export interface CapService {
  readonly path: string;
  readonly entities: Record<string, unknown>;
  on(event: string, entity: string, handler: (req: CapRequest) => unknown): void;
  on(event: string, handler: (req: CapRequest) => unknown): void;
}

export interface CapRequest {
  readonly data: Record<string, unknown>;
  readonly params: readonly unknown[];
  reject(status: number, message: string): never;
}

