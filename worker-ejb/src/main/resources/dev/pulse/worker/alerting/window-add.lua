-- Adds matched records to one group's window of one rule, idempotently: a member is
-- "<record id>|<value>", so a record seen twice (a redelivered batch) is stored once.
-- KEYS[1] the window (zset, score = record time in ms), KEYS[2] the rule's groups (zset, score =
-- last seen), KEYS[3] the groups' labels (hash).
-- ARGV[1] group key, ARGV[2] labels json, ARGV[3] oldest time kept (ms), ARGV[4] window ttl (ms),
-- ARGV[5] groups ttl (ms), ARGV[6] most points kept, ARGV[7..] score, member pairs.
local added = 0
local newest = nil
local oldest = tonumber(ARGV[3])
for i = 7, #ARGV, 2 do
  local score = tonumber(ARGV[i])
  if score >= oldest then
    redis.call('ZADD', KEYS[1], score, ARGV[i + 1])
    if newest == nil or score > newest then
      newest = score
    end
    added = added + 1
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[6])
if excess > 0 then
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
end
if newest ~= nil then
  redis.call('ZADD', KEYS[2], 'GT', newest, ARGV[1])
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
  redis.call('PEXPIRE', KEYS[3], ARGV[5])
end
return added
