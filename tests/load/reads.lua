-- wrk script: reads an incident (SLAAPI_READ=incident, ids from SLAAPI_IDS) or asks the due-date calculator
-- (SLAAPI_READ=due-date, calendar SLAAPI_CALENDAR). wrk itself reports any answer other than 2xx or 3xx.
local key = os.getenv("SLAAPI_KEY")
local read = os.getenv("SLAAPI_READ")
local headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
local ids = {}
if read == "incident" then
  for line in io.lines(os.getenv("SLAAPI_IDS")) do ids[#ids + 1] = line end
end
local due = string.format("/api/v1/calendars/%s/due-date", os.getenv("SLAAPI_CALENDAR") or "")

function request()
  if read == "incident" then
    return wrk.format("GET", "/api/v1/incidents/" .. ids[math.random(#ids)], headers)
  end
  local minutes = math.random(1, 60 * 40)
  return wrk.format("POST", due, headers, string.format('{"start":"2026-12-23T15:%02d:00-05:00","minutes":%d}', math.random(0, 59), minutes))
end

