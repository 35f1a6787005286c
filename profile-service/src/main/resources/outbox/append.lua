-- Appends outbox rows to the profile stream exactly once each.
-- KEYS[1]   the stream; KEYS[1 + i] the de-duplication key of row i
-- ARGV[1]   de-duplication key TTL in seconds; ARGV[2] approximate MAXLEN of the stream
-- ARGV[3i .. 3i + 2]  row i's envelope JSON, type and profile id
-- Returns the stream entry id of every row, in order: the new one, or the one a previous
-- run (that crashed before marking the row sent) stored in the row's de-duplication key.
local stream = KEYS[1]
local ttl = ARGV[1]
local maxlen = ARGV[2]
local ids = {}
for i = 2, #KEYS do
  local dedup = KEYS[i]
  local arg = 3 * (i - 1)
  if redis.call('SET', dedup, '1', 'NX', 'EX', ttl) then
    local id = redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*',
      'message', ARGV[arg], 'type', ARGV[arg + 1], 'profileId', ARGV[arg + 2])
    redis.call('SET', dedup, id, 'EX', ttl)
    ids[i - 1] = id
  else
    ids[i - 1] = redis.call('GET', dedup)
  end
end
return ids
