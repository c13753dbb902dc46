-- POST /v1/bookings on the 15-minute grid of the "load" page: each request takes a new
-- start, except every fourth, which asks again for the start just taken, so the
-- double-booking check answers 409 under load as well.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  base = tonumber(args[1])
end

request = function()
  counter = counter + 1
  local k = counter - math.floor(counter / 4)  -- every 4th request repeats the previous start
  local n = k * 8 + thread_id                  -- threads interleave (at most 8)
  local start = os.date("!%Y-%m-%dT%H:%M:%SZ", base + n * 900)
  local body = string.format('{"page":"load","event_type":"e","start":"%s","guest":{"name":"Load %d","email":"load%d@example.com"}}',
                             start, n, n)
  return wrk.format("POST", "/v1/bookings", {["Content-Type"] = "application/json"}, body)
end
