-- Numbers one alert transition of a project, keeps it in the project's bounded log and publishes
-- it, atomically, so every node sees the same order and a resuming client can replay by number.
-- KEYS[1] sequence counter, KEYS[2] log stream; ARGV[1] channel, ARGV[2] message (a JSON object
-- without "seq"), ARGV[3] max entries kept, ARGV[4] max age in milliseconds.
local seq = redis.call('INCR', KEYS[1])
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local message = '{"seq":' .. seq .. ',' .. string.sub(ARGV[2], 2)
-- Ids 0-<seq>: ordered by number, so a replay is one XRANGE from the client's last number.
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '0-' .. seq, 't', nowMs, 'm', message)
-- Age bound: drop entries older than the limit from the head, a few per call.
local head = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 16)
local cutoff = nowMs - tonumber(ARGV[4])
local keepFrom = nil
for _, entry in ipairs(head) do
  if tonumber(entry[2][2]) < cutoff then
    keepFrom = entry[1]
  else
    break
  end
end
if keepFrom then
  local n = tonumber(string.match(keepFrom, '-(%d+)$'))
  redis.call('XTRIM', KEYS[2], 'MINID', '0-' .. (n + 1))
end
redis.call('PUBLISH', ARGV[1], message)
return seq
