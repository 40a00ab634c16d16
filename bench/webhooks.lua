-- wrk script: posts real Azure Monitor alert bodies for ADF failures to /webhooks/azure-monitor,
-- rotating through the recorded shapes. Counts answers that are not 202 so the summary can say
-- how many deliveries were accepted.
--   wrk -t2 -c32 -d30s --latency -s bench/webhooks.lua http://127.0.0.1:18080

local payloads_dir = os.getenv("REBOUND_PAYLOADS") or "../shared/payloads"
local secret = os.getenv("REBOUND_BENCH_SECRET") or "bench-azure-monitor-secret"
local files = {
  "azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json",
  "azure-monitor/adf_log_alert_v2_web_2108_gateway_timeout.json",
  "azure-monitor/adf_log_alert_v2_databricks_3203_cluster_terminated.json",
  "azure-monitor/adf_metric_alert_pipeline_failed_runs.json",
}

local bodies = {}
for i, name in ipairs(files) do
  local f = assert(io.open(payloads_dir .. "/" .. name, "rb"), "cannot read " .. name)
  bodies[i] = f:read("*a")
  f:close()
end

-- THINK_MS > 0: each connection waits that long after an answer before its next post, so the
-- offered rate is about connections / (THINK_MS + latency) instead of "as fast as answered".
local think_ms = tonumber(os.getenv("THINK_MS") or "0")
if think_ms > 0 then
  function delay()
    return think_ms
  end
end

-- DISTINCT=1: every post is a new failure (the copy-activity alert with a pipeline run id never
-- sent before), so every delivery opens its own incident instead of repeating one of four.
local distinct = os.getenv("DISTINCT") == "1"
local run_id = "8d1f6a3e-52c4-4b0e-9a7d-3c2b1e0f9a84"
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  not_accepted = 0
  math.randomseed(os.time() * 100 + (thread_number or 0))
  prefix = string.format("%02x%06x", (thread_number or 0) % 256, math.random(0, 16777215))
end

function request()
  counter = counter + 1
  local body = bodies[(counter % #bodies) + 1]
  if distinct then
    body = string.gsub(bodies[1], run_id, string.format("%s-0000-4000-8000-%012x", prefix, counter))
  end
  return wrk.format("POST", "/webhooks/azure-monitor",
    { ["Content-Type"] = "application/json", ["X-Api-Key"] = secret }, body)
end

function response(status, headers, body)
  if status ~= 202 then
    not_accepted = not_accepted + 1
  end
end

function done(summary, latency, requests)
  local rejected = 0
  for _, thread in ipairs(threads) do
    rejected = rejected + thread:get("not_accepted")
  end
  local seconds = summary.duration / 1e6
  local accepted = summary.requests - rejected
  io.write(string.format(
    "RESULT accepted=%d not_accepted=%d seconds=%.1f accepted_per_s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    accepted, rejected, seconds, accepted / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
