/** One stored row: its values (no annotations) and a row version that feeds the ETag. */
export interface StoredEntity {
  readonly key: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly rowVersion: number;
}

type Undo = () => void;

/** Serialized form used by the optional JSON persistence. */
export interface EntityStoreSnapshot {
  readonly rowVersion: number;
  readonly tables: Readonly<Record<string, readonly { key: string; values: Record<string, unknown>; rowVersion: number }[]>>;
}

/**
 * In-memory tables for one environment and route. A table is identified by scope (company id, or ""
 * for tenant-level sets such as `companies`) and entity set name. Rows keep insertion order, which is
 * the default order of a collection.
 */
export class EntityStore {
  private readonly tables = new Map<string, Map<string, StoredEntity>>();
  private rowVersion = 0;
  private undoLog: Undo[] | undefined;
  private commitHooks: (() => void)[] = [];
  private readonly listeners = new Set<(change: StoreChange) => void>();
  /** Deleted rows per table, for delta links (change-tracking.ts); not persisted, so `epoch` changes per instance. */
  private readonly tombstones = new Map<string, Map<string, StoredEntity>>();
  readonly epoch = Math.random().toString(36).slice(2, 10);

  private table(scope: string, set: string): Map<string, StoredEntity> {
    const id = `${scope}/${set}`;
    let t = this.tables.get(id);
    if (!t) this.tables.set(id, (t = new Map()));
    return t;
  }

  list(scope: string, set: string): StoredEntity[] {
    return [...this.table(scope, set).values()];
  }

  get(scope: string, set: string, key: string): StoredEntity | undefined {
    return this.table(scope, set).get(key);
  }

  /** Rows deleted from `scope/set` (version = when), for delta links. */
  deleted(scope: string, set: string): StoredEntity[] {
    return [...(this.tombstones.get(`${scope}/${set}`)?.values() ?? [])];
  }

  /** The highest row version handed out so far (every put and delete takes the next one). */
  get version(): number {
    return this.rowVersion;
  }

  /** Company scopes that hold at least one row of `set`. */
  scopes(set: string): string[] {
    const out: string[] = [];
    for (const [id, t] of this.tables) if (id.endsWith(`/${set}`) && t.size > 0) out.push(id.slice(0, -set.length - 1));
    return out;
  }

  put(scope: string, set: string, key: string, values: Record<string, unknown>): StoredEntity {
    const t = this.table(scope, set);
    const previous = t.get(key);
    const row: StoredEntity = { key, values: { ...values }, rowVersion: ++this.rowVersion };
    t.set(key, row);
    const dead = this.tombstones.get(`${scope}/${set}`);
    const buried = dead?.get(key);
    if (buried) dead!.delete(key);
    this.undoLog?.push(
      previous
        ? () => t.set(key, previous)
        : () => {
            t.delete(key);
            if (buried) dead!.set(key, buried);
          },
    );
    this.emit({ kind: previous ? "updated" : "created", scope, set, key, values: row.values });
    return row;
  }

  delete(scope: string, set: string, key: string): boolean {
    const t = this.table(scope, set);
    const previous = t.get(key);
    if (!previous) return false;
    t.delete(key);
    const id = `${scope}/${set}`;
    if (!this.tombstones.has(id)) this.tombstones.set(id, new Map());
    this.tombstones.get(id)!.set(key, { key, values: previous.values, rowVersion: ++this.rowVersion });
    this.undoLog?.push(() => this.tombstones.get(id)!.delete(key));
    // Re-inserting at the end changes iteration order; acceptable for a rolled-back delete.
    this.undoLog?.push(() => t.set(key, previous));
    this.emit({ kind: "deleted", scope, set, key, values: previous.values });
    return true;
  }

  /** Runs `work` atomically: any throw undoes every change it made (deep insert, `$batch` with `Isolation: snapshot`). */
  transaction<T>(work: () => T): T {
    if (this.undoLog) return work();
    const log: Undo[] = [];
    const pending: StoreChange[] = [];
    this.undoLog = log;
    const emit = this.emit;
    this.emit = (c) => pending.push(c);
    try {
      const result = work();
      // Hooks (e.g. header totals) run inside the transaction so that they roll back with it.
      for (let i = 0; i < this.commitHooks.length; i++) this.commitHooks[i]!();
      this.commitHooks = [];
      this.undoLog = undefined;
      this.emit = emit;
      for (const c of pending) this.emit(c);
      return result;
    } catch (error) {
      for (const undo of log.reverse()) undo();
      throw error;
    } finally {
      this.commitHooks = [];
      this.undoLog = undefined;
      this.emit = emit;
    }
  }

  /** Runs `hook` at the end of the current transaction (right away outside one). */
  onCommitted(hook: () => void): void {
    if (this.undoLog) this.commitHooks.push(hook);
    else hook();
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit = (change: StoreChange): void => {
    for (const l of this.listeners) l(change);
  };

  snapshot(): EntityStoreSnapshot {
    const tables: Record<string, { key: string; values: Record<string, unknown>; rowVersion: number }[]> = {};
    for (const [id, t] of this.tables) tables[id] = [...t.values()].map((r) => ({ key: r.key, values: { ...r.values }, rowVersion: r.rowVersion }));
    return { rowVersion: this.rowVersion, tables };
  }

  restore(snapshot: EntityStoreSnapshot): void {
    this.tables.clear();
    for (const [id, rows] of Object.entries(snapshot.tables)) this.tables.set(id, new Map(rows.map((r) => [r.key, { ...r }])));
    this.rowVersion = snapshot.rowVersion;
  }
}

export interface StoreChange {
  readonly kind: "created" | "updated" | "deleted";
  readonly scope: string;
  readonly set: string;
  readonly key: string;
  /** Values after the change (before it, for deletes). */
  readonly values: Readonly<Record<string, unknown>>;
}
