-- wrk script: posts Autotask-shaped, signed ticket deliveries to one connection's inbound URL.
-- Environment: SLAAPI_INBOUND (the inbound path), SLAAPI_DELIVERIES (file of "signature<TAB>body" lines).

local path = os.getenv("SLAAPI_INBOUND")
local deliveries = {}
for line in io.lines(os.getenv("SLAAPI_DELIVERIES")) do
  local tab = line:find("\t", 1, true)
  deliveries[#deliveries + 1] = { line:sub(1, tab - 1), line:sub(tab + 1) }
end

local threads = {}
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("offset", thread_number)
  threads[#threads + 1] = thread
end

local counter = 0
failures = 0

function request()
  counter = counter + 1
  local delivery = deliveries[(offset * 7919 + counter) % #deliveries + 1]
  return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["X-Hook-Signature"] = delivery[1] }, delivery[2])
end

function response(status, headers, body)
  if status ~= 202 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("failures") end
  local seconds = summary.duration / 1e6
  io.write(string.format("requests: %d, failed: %d\n", summary.requests, failed))
  io.write(string.format("acknowledged deliveries/s: %.0f\n", (summary.requests - failed) / seconds))
  io.write(string.format("latency p50: %.1f ms, p99: %.1f ms, max: %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
