-- Aggregates one group's window: records with time in (from, to], and for change rules also the
-- previous window (prev, from]. Numbers are returned as text (Lua numbers would be truncated).
-- KEYS[1] the window; ARGV[1] aggregate, ARGV[2] from, ARGV[3] to, ARGV[4] prev from or "".
local function aggregate(from, to)
  if ARGV[1] == 'count' then
    return tostring(redis.call('ZCOUNT', KEYS[1], '(' .. from, to))
  end
  local members = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. from, to)
  local values = {}
  for _, m in ipairs(members) do
    local bar = string.find(m, '|', 1, true)
    local v = bar and tonumber(string.sub(m, bar + 1)) or nil
    if v then
      values[#values + 1] = v
    end
  end
  local n = #values
  if n == 0 then
    return false
  end
  local a = ARGV[1]
  local r
  if a == 'last' then
    r = values[n]
  elseif a == 'sum' or a == 'avg' then
    r = 0
    for _, v in ipairs(values) do r = r + v end
    if a == 'avg' then r = r / n end
  elseif a == 'min' or a == 'max' then
    r = values[1]
    for _, v in ipairs(values) do
      if (a == 'min' and v < r) or (a == 'max' and v > r) then r = v end
    end
  else -- p95, nearest rank
    table.sort(values)
    local rank = math.ceil(0.95 * n)
    if rank < 1 then rank = 1 end
    r = values[rank]
  end
  return string.format('%.17g', r)
end
local current = aggregate(ARGV[2], ARGV[3])
local previous = false
if ARGV[4] ~= '' then
  previous = aggregate(ARGV[4], ARGV[2])
end
return {current, previous}
