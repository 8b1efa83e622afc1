-- Sliding-window rate limit, approximated by two fixed buckets (the Cloudflare/Nginx scheme):
-- what was used in the previous bucket counts in proportion to how much of it the sliding
-- window still covers. One script, so check-and-charge is atomic across every Pulse node.
--
-- KEYS[1]  the limiter's state (a hash: bucket, current, previous)
-- ARGV[1]  window in milliseconds; ARGV[2] limit; ARGV[3] cost of this call
-- Optionally, to append what the charge pays for in the same atomic step (ingest quotas):
-- KEYS[2]  a stream; ARGV[4] the field name; ARGV[5..] one entry each, appended only if allowed
-- Returns {allowed (1|0), remaining, retry_after_ms (-1: the cost can never fit)}
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])

-- Redis' own clock, so every node agrees on the bucket boundaries.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local bucket = math.floor(now / window)

local state = redis.call('HMGET', KEYS[1], 'bucket', 'current', 'previous')
local stored = tonumber(state[1])
local current, previous = 0, 0
if stored == bucket then
  current = tonumber(state[2]) or 0
  previous = tonumber(state[3]) or 0
elseif stored == bucket - 1 then
  previous = tonumber(state[2]) or 0
end

local elapsed = now - bucket * window
local used = previous * (window - elapsed) / window + current
if used + cost <= limit then
  current = current + cost
  redis.call('HSET', KEYS[1], 'bucket', bucket, 'current', current, 'previous', previous)
  redis.call('PEXPIRE', KEYS[1], window * 2)
  if KEYS[2] then
    for i = 5, #ARGV do
      redis.call('XADD', KEYS[2], '*', ARGV[4], ARGV[i])
    end
  end
  return {1, math.floor(limit - used - cost), 0}
end

if cost > limit then
  return {0, 0, -1}
end
local wait
if current + cost <= limit then
  -- The previous bucket's share shrinks linearly; wait until it leaves room for cost.
  local at = window * (1 - (limit - current - cost) / previous)
  wait = at - elapsed
else
  -- Only the next bucket can hold it, once enough of this one has slid out of the window.
  local at = window * (1 - (limit - cost) / current)
  wait = (window - elapsed) + at
end
return {0, 0, math.max(1, math.ceil(wait))}
