import type { Redis } from "ioredis";
import { ACQUIRE_LUA, HEARTBEAT_LUA, PAUSE_LUA, RELEASE_LUA, RENEW_LUA, SNAPSHOT_LUA } from "./limiter-scripts.js";

type Script = (...keysAndArgs: (string | number)[]) => Promise<unknown>;

/** The limiter scripts as commands of one connection (ioredis sends EVALSHA and falls back to EVAL on NOSCRIPT). */
export interface LimiterCommands {
  readonly bctsLimiterAcquire: Script;
  readonly bctsLimiterRenew: Script;
  readonly bctsLimiterRelease: Script;
  readonly bctsLimiterHeartbeat: Script;
  readonly bctsLimiterPause: Script;
  readonly bctsLimiterSnapshot: Script;
}

const defined = new WeakSet<Redis>();

/** Defines the scripts on `redis` once (idempotent) and returns them typed. */
export function limiterCommands(redis: Redis): LimiterCommands {
  if (!defined.has(redis)) {
    const scripts = { bctsLimiterAcquire: ACQUIRE_LUA, bctsLimiterRenew: RENEW_LUA, bctsLimiterRelease: RELEASE_LUA, bctsLimiterHeartbeat: HEARTBEAT_LUA, bctsLimiterPause: PAUSE_LUA, bctsLimiterSnapshot: SNAPSHOT_LUA };
    for (const [name, lua] of Object.entries(scripts)) redis.defineCommand(name, { lua, numberOfKeys: 5 });
    defined.add(redis);
  }
  const commands = redis as unknown as Record<keyof LimiterCommands, Script>;
  const bind = (name: keyof LimiterCommands): Script => commands[name].bind(redis);
  return {
    bctsLimiterAcquire: bind("bctsLimiterAcquire"),
    bctsLimiterRenew: bind("bctsLimiterRenew"),
    bctsLimiterRelease: bind("bctsLimiterRelease"),
    bctsLimiterHeartbeat: bind("bctsLimiterHeartbeat"),
    bctsLimiterPause: bind("bctsLimiterPause"),
    bctsLimiterSnapshot: bind("bctsLimiterSnapshot"),
  };
}
