import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { LoadedRoute } from "../metadata/loaded-route.js";
import type { BcEnvironment } from "./bc-environment.js";
import type { EntityStoreSnapshot } from "./entity-store.js";

interface PersistedFile {
  readonly format: "bcts-emulator-store/1";
  /** `<tenantId>/<environment>` → route path → store snapshot. */
  readonly environments: Record<string, Record<string, EntityStoreSnapshot>>;
}

/**
 * Optional persistence of every store to one JSON file: loaded at start (replacing the seed),
 * written shortly after changes and on close. Writes go to a temp file first, then rename.
 */
export class JsonPersistence {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly environments: readonly BcEnvironment[],
    private readonly routes: readonly LoadedRoute[],
  ) {}

  private key(env: BcEnvironment): string {
    return `${env.tenantId.toLowerCase()}/${env.name.toLowerCase()}`;
  }

  /** Restores stores found in the file; returns whether the file existed. */
  load(): boolean {
    if (!existsSync(this.file)) return false;
    const data = JSON.parse(readFileSync(this.file, "utf8")) as PersistedFile;
    if (data.format !== "bcts-emulator-store/1") throw new TypeError(`${this.file} is not a bcts emulator store file`);
    for (const env of this.environments) {
      const saved = data.environments[this.key(env)];
      if (!saved) continue;
      for (const route of this.routes) {
        const snapshot = saved[route.path.toLowerCase()];
        if (snapshot) env.store(route).restore(snapshot);
      }
    }
    return true;
  }

  scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.saveNow(), 50);
    this.timer.unref();
  }

  saveNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const environments: PersistedFile["environments"] = {};
    for (const env of this.environments) {
      const routes: Record<string, EntityStoreSnapshot> = {};
      for (const route of this.routes) routes[route.path.toLowerCase()] = env.store(route).snapshot();
      environments[this.key(env)] = routes;
    }
    const data: PersistedFile = { format: "bcts-emulator-store/1", environments };
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, this.file);
  }
}
