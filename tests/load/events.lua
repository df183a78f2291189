-- wrk script: posts unique incident events to SlaApi.
-- Environment: SLAAPI_KEY (API key), SLAAPI_IDS (file of incident ids, one a line),
-- SLAAPI_BATCH (events per request; 1 posts to /incidents/{id}/events, more to /incidents/events:batch).

local key = os.getenv("SLAAPI_KEY")
local batch = tonumber(os.getenv("SLAAPI_BATCH") or "100")
local ids = {}
for line in io.lines(os.getenv("SLAAPI_IDS")) do ids[#ids + 1] = line end

local thread_number = 0
local threads = {}

function setup(thread)
  thread_number = thread_number + 1
  thread:set("prefix", "t" .. thread_number .. "-" .. os.time())
  threads[#threads + 1] = thread
end

local counter = 0
failures = 0
local headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
-- Every incident was opened at 2026-01-05T09:00:00Z, long before now: any later instant is valid.
local occurred = "2026-01-05T10:00:00Z"

local function event(id)
  counter = counter + 1
  local kind = (counter % 3 == 0) and '"status-changed","status":"in-progress"' or '"updated"'
  return string.format('{"incidentId":"%s","eventId":"%s-%d","type":%s,"occurredAt":"%s"}', id, prefix, counter, kind, occurred)
end

function request()
  if batch == 1 then
    local id = ids[math.random(#ids)]
    local body = event(id):gsub('"incidentId":"[^"]*",', "")
    return wrk.format("POST", "/api/v1/incidents/" .. id .. "/events", headers, body)
  end
  local events = {}
  for i = 1, batch do events[i] = event(ids[math.random(#ids)]) end
  return wrk.format("POST", "/api/v1/incidents/events:batch", headers, '{"events":[' .. table.concat(events, ",") .. ']}')
end

function response(status, headers, body)
  if status ~= 200 and status ~= 201 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("failures") end
  local seconds = summary.duration / 1e6
  local acknowledged = (summary.requests - failed) * batch
  io.write(string.format("requests: %d, failed: %d, events per request: %d\n", summary.requests, failed, batch))
  io.write(string.format("acknowledged events/s: %.0f\n", acknowledged / seconds))
  io.write(string.format("latency p50: %.1f ms, p99: %.1f ms, max: %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
