-- wrk script of the gateway benchmark: POSTs the kit's bench query (body from $BENCH_BODY), counts answers that are
-- not 200 or not exactly $BENCH_BYTES long (the size of the checked answer), prints one machine-readable line.
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
local expected = tonumber(os.getenv("BENCH_BYTES") or "0")
local threads = {}
bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= 200 or (expected > 0 and #body ~= expected) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do
    b = b + (t:get("bad") or 0)
  end
  local e = summary.errors
  io.write(string.format("ZWBENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d bad=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, b, e.connect + e.read + e.write + e.timeout))
end
