-- wrk script: opens incidents, one a request, each opened at the moment it is sent, until each thread has opened
-- SLAAPI_PER_THREAD of them. Environment: SLAAPI_KEY, SLAAPI_CUSTOMER, SLAAPI_PER_THREAD.
local key = os.getenv("SLAAPI_KEY")
local customer = os.getenv("SLAAPI_CUSTOMER")
local per_thread = tonumber(os.getenv("SLAAPI_PER_THREAD"))
local headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }

local thread_number = 0
function setup(thread)
  thread_number = thread_number + 1
  thread:set("prefix", "t" .. thread_number .. "-" .. os.time())
end

local counter = 0
local opened = 0

function request()
  counter = counter + 1
  local body = string.format(
    '{"source":"load","externalId":"%s-%d","customerId":"%s","title":"Load","priority":1,"openedAt":"%s"}',
    prefix, counter, customer, os.date("!%Y-%m-%dT%H:%M:%SZ"))
  return wrk.format("POST", "/api/v1/incidents", headers, body)
end

function response(status)
  if status == 201 then opened = opened + 1 end
  if opened >= per_thread then wrk.thread:stop() end
end
