-- wrk script: POST /api/decisions/evaluate with the README's example (the Databricks cluster
-- terminated with DRIVER_UNREACHABLE), as an operator. Counts answers that are not a complete
-- decision: a status other than 200, or a body without the explanation's workbook rows.
--   wrk -t2 -c16 -d20s --latency -s bench/whatif.lua http://127.0.0.1:18560
local payloads_dir = os.getenv("REBOUND_PAYLOADS") or "../shared/payloads"
local token = os.getenv("REBOUND_BENCH_TOKEN") or "bench-admin-token"
local f = assert(io.open(payloads_dir .. "/databricks/databricks_cluster_get_terminated_driver_unreachable.json", "rb"))
local payload = f:read("*a")
f:close()
local body = '{"source": "databricks", "payload": ' .. payload .. '}'
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  incomplete = 0
end

function request()
  return wrk.format("POST", "/api/decisions/evaluate",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"Cluster terminations_88"', 1, true)
      or not string.find(body, '"restart_cluster"', 1, true)
      or not string.find(body, '"policyVersion"', 1, true) then
    incomplete = incomplete + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("incomplete")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d incomplete=%d errors=%d seconds=%.1f req_per_s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, bad, summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
