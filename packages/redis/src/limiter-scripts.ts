/**
 * The limiter's Lua scripts. Each runs atomically on the Redis server and reads the time with
 * `TIME` — the server's clock — so workers whose clocks disagree still agree on leases, windows
 * and pauses. Keys of one identity share a hash tag (`{…}`), so the scripts also run on a cluster.
 *
 * KEYS (all scripts use the same order): 1 leases (zset id → lease expiry), 2 window (zset
 * id → admission time), 3 queue (zset id → enqueue time), 4 heartbeat (zset id → waiter expiry),
 * 5 pause (hash: `until` paused-until epoch ms, `probing` "1" after a pause until a probe completes, `probe` its id). ARGV[1] is always the wake-up channel prefix: a waiter's
 * id is "<limiter instance>:<uuid>", and a slot handed to it is announced on prefix + instance.
 */

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** ARGV 2–6 of the acquire and release scripts: the caller's id and the identity's limits. */
const IDENTITY_ARGS = `local id = ARGV[2]
local maxConc = tonumber(ARGV[3])
local maxWin = tonumber(ARGV[4])
local windowMs = tonumber(ARGV[5])
local leaseTtl = tonumber(ARGV[6])`;

/** Drops expired leases, admissions older than the window, and waiters that stopped polling. Needs windowMs. */
const PRUNE = `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - windowMs)
local dead = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, 500)
for _, d in ipairs(dead) do
  redis.call('ZREM', KEYS[3], d)
  redis.call('ZREM', KEYS[4], d)
end`;

/**
 * ARGV: 2 id, 3 maxConcurrency, 4 maxPerWindow, 5 windowMs, 6 leaseTtlMs, 7 heartbeatMs, 8 retrying (1/0:
 * a retry of a throttled request queues ahead of first attempts).
 * Returns {1, "admitted" | "probe", inFlight, now} or {0, reason, hintMs, now} with reason
 * "paused" | "concurrency" | "window" | "queue". Waiters are admitted in enqueue order: a caller
 * gets a slot only when its rank in the queue is below the number of free slots.
 */
export const ACQUIRE_LUA = `${NOW}
${IDENTITY_ARGS}
local hb = tonumber(ARGV[7])
${PRUNE}
-- a releasing worker may already have handed this waiter a slot
if redis.call('ZSCORE', KEYS[1], id) then return {1, 'admitted', redis.call('ZCARD', KEYS[1]), now} end
local function wait(reason, hint)
  redis.call('ZADD', KEYS[3], 'NX', now - tonumber(ARGV[8]) * 1000000000000, id)
  redis.call('ZADD', KEYS[4], now + hb, id)
  redis.call('PEXPIRE', KEYS[3], hb * 4)
  redis.call('PEXPIRE', KEYS[4], hb * 4)
  return {0, reason, math.max(0, math.floor(hint)), now}
end
local p = redis.call('HMGET', KEYS[5], 'until', 'probing')
local pausedUntil = tonumber(p[1] or '0')
if pausedUntil > now then return wait('paused', pausedUntil - now) end
local inFlight = redis.call('ZCARD', KEYS[1])
local free = maxConc - inFlight
local room = maxWin - redis.call('ZCARD', KEYS[2])
local rank = redis.call('ZRANK', KEYS[3], id)
if not rank then rank = redis.call('ZCARD', KEYS[3]) end
-- after a pause ONE request goes first (the probe); the others follow when it completes without a new pause
if p[2] == '1' then
  if inFlight > 0 or room <= 0 or rank > 0 then return wait('paused', 0) end
  redis.call('ZREM', KEYS[3], id)
  redis.call('ZREM', KEYS[4], id)
  redis.call('ZADD', KEYS[1], now + leaseTtl, id)
  redis.call('ZADD', KEYS[2], now, id)
  redis.call('PEXPIRE', KEYS[1], leaseTtl * 2)
  redis.call('PEXPIRE', KEYS[2], windowMs + 1000)
  redis.call('HSET', KEYS[5], 'probe', id)
  return {1, 'probe', 1, now}
end
if free > 0 and room > 0 and rank < math.min(free, room) then
  redis.call('ZREM', KEYS[3], id)
  redis.call('ZREM', KEYS[4], id)
  redis.call('ZADD', KEYS[1], now + leaseTtl, id)
  redis.call('ZADD', KEYS[2], now, id)
  redis.call('PEXPIRE', KEYS[1], leaseTtl * 2)
  redis.call('PEXPIRE', KEYS[2], windowMs + 1000)
  return {1, 'admitted', inFlight + 1, now}
end
if free <= 0 then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return wait('concurrency', tonumber(first[2]) - now)
end
if room <= 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return wait('window', tonumber(oldest[2]) + windowMs - now)
end
return wait('queue', 0)`;

/**
 * ARGV: 2 id, 3 leaseTtlMs. Extends a held lease. Re-adds it when it is missing — after a Redis
 * restart without persistence the held slots come back as soon as their holders renew.
 * Returns 1 when the lease was still there, 0 when it had to be re-added.
 */
export const RENEW_LUA = `${NOW}
local added = redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
return 1 - added`;

/**
 * Hands the free slots straight to waiters (they are moved into the leases here, so a woken waiter
 * needs no second round trip): to a waiter of the calling process — it is running right now, so the
 * slot is used at once instead of idling until another process gets scheduled — unless the
 * longest-waiting caller has waited maxOvertakeMs or more (or is a retry), which then gets it.
 * Remote waiters are told on their instance's channel; the calling process's own are added to
 * `handed`. Nothing while the identity is paused or a probe is out. Needs now, maxConc, maxWin,
 * windowMs, leaseTtl, mine (the calling instance + ':'), overtake and the table handed.
 */
const HAND_OUT = `local p = redis.call('HMGET', KEYS[5], 'until', 'probing')
local n = 0
if tonumber(p[1] or '0') <= now and p[2] ~= '1' then
  n = math.min(maxConc - redis.call('ZCARD', KEYS[1]), maxWin - redis.call('ZCARD', KEYS[2]))
end
local near = {}
if n > 0 then near = redis.call('ZRANGE', KEYS[3], 0, 63, 'WITHSCORES') end
local chosen = {}
local taken = {}
for _ = 1, n do
  local head, headScore, local_
  for i = 1, #near, 2 do
    local w = near[i]
    if not taken[w] then
      if not head then head, headScore = w, tonumber(near[i + 1]) end
      if not local_ and string.sub(w, 1, #mine) == mine then local_ = w end
    end
  end
  if not head then break end
  local pick = head
  if local_ and now - headScore < overtake then pick = local_ end
  taken[pick] = true
  table.insert(chosen, pick)
end
for _, head in ipairs(chosen) do
  redis.call('ZREM', KEYS[3], head)
  redis.call('ZREM', KEYS[4], head)
  redis.call('ZADD', KEYS[1], now + leaseTtl, head)
  redis.call('ZADD', KEYS[2], now, head)
  if string.sub(head, 1, #mine) == mine then
    table.insert(handed, head)
  else
    local instance = string.match(head, '^([^:]+):')
    if instance then redis.call('PUBLISH', ARGV[1] .. instance, head) end
  end
end
if #chosen > 0 then
  redis.call('PEXPIRE', KEYS[1], leaseTtl * 2)
  redis.call('PEXPIRE', KEYS[2], windowMs + 1000)
end`;

/**
 * ARGV: 2 id, 3 maxConcurrency, 4 maxPerWindow, 5 windowMs, 6 leaseTtlMs, 7 the releasing limiter
 * instance, 8 maxOvertakeMs. Gives a slot back (or leaves the queue) and hands the free slots to the
 * next waiters (HAND_OUT) in the same call. Returns the releasing process's waiters that got one.
 */
export const RELEASE_LUA = `${NOW}
${IDENTITY_ARGS}
local mine = ARGV[7] .. ':'
local overtake = tonumber(ARGV[8])
-- BC counts a request until it is done, so its window entry moves to the moment it finished
if redis.call('ZSCORE', KEYS[1], id) then redis.call('ZADD', KEYS[2], 'XX', now, id) end
redis.call('ZREM', KEYS[1], id)
redis.call('ZREM', KEYS[3], id)
redis.call('ZREM', KEYS[4], id)
${PRUNE}
local probe = redis.call('HMGET', KEYS[5], 'probing', 'probe')
-- the probe came back and no new pause began meanwhile (a pause clears 'probe'): the identity resumes
if probe[1] == '1' and probe[2] == id then redis.call('HDEL', KEYS[5], 'probing', 'probe') end
local handed = {}
${HAND_OUT}
return handed`;

/**
 * One call per process and identity every poll interval, for all of that process's waiters at once
 * (instead of each waiter polling). ARGV: 2 maxConcurrency, 3 maxPerWindow, 4 windowMs, 5 leaseTtlMs,
 * 6 the calling limiter instance, 7 maxOvertakeMs, 8 heartbeatMs, 9… the ids of the process's
 * waiters. Keeps their places in the queue alive (and puts them back in line after a Redis restart
 * lost the queue), reports those a release already handed a slot (their wake-up may have been lost
 * while the subscriber reconnected), and hands out slots that came free without a release (a
 * crashed holder's lease expired, the window moved on, a pause ended). Returns the process's waiters
 * that hold a slot now.
 */
export const HEARTBEAT_LUA = `${NOW}
local maxConc = tonumber(ARGV[2])
local maxWin = tonumber(ARGV[3])
local windowMs = tonumber(ARGV[4])
local leaseTtl = tonumber(ARGV[5])
local mine = ARGV[6] .. ':'
local overtake = tonumber(ARGV[7])
local hb = tonumber(ARGV[8])
${PRUNE}
local handed = {}
for i = 9, #ARGV do
  local id = ARGV[i]
  if redis.call('ZSCORE', KEYS[1], id) then
    table.insert(handed, id)
  else
    redis.call('ZADD', KEYS[3], 'NX', now, id)
    redis.call('ZADD', KEYS[4], now + hb, id)
  end
end
if #ARGV >= 9 then
  redis.call('PEXPIRE', KEYS[3], hb * 4)
  redis.call('PEXPIRE', KEYS[4], hb * 4)
end
${HAND_OUT}
return handed`;

/**
 * ARGV: 2 delayMs. The longest pause wins; every pause (re)starts probing: after it ends one request
 * goes first. Returns the paused-until instant (server clock).
 */
export const PAUSE_LUA = `${NOW}
local wanted = now + tonumber(ARGV[2])
local current = tonumber(redis.call('HGET', KEYS[5], 'until') or '0')
if wanted > current then current = wanted end
redis.call('HSET', KEYS[5], 'until', current, 'probing', '1')
redis.call('HDEL', KEYS[5], 'probe')
redis.call('PEXPIRE', KEYS[5], current - now + 60000)
return current`;

/** ARGV: 2 windowMs. Returns {inFlight, queued, windowUsed, pausedUntil, now}. */
export const SNAPSHOT_LUA = `${NOW}
local pausedUntil = tonumber(redis.call('HGET', KEYS[5], 'until') or '0')
if pausedUntil <= now then pausedUntil = 0 end
return {
  redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf'),
  redis.call('ZCOUNT', KEYS[4], '(' .. now, '+inf'),
  redis.call('ZCOUNT', KEYS[2], '(' .. (now - tonumber(ARGV[2])), '+inf'),
  pausedUntil,
  now
}`;
