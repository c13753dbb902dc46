-- POST /v1/bookings spread over PAGES pages ("load0" … ), one host each: how a hosting
-- provider's load looks (many businesses, each host's bookings serialised by its own
-- lock). Same grid and the same every-fourth repeat as bookings.lua.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  base = tonumber(args[1])
  pages = tonumber(args[2])
end

request = function()
  counter = counter + 1
  local k = counter - math.floor(counter / 4)
  local n = k * 8 + thread_id
  local page = n % pages
  local slot = math.floor(n / pages)
  local start = os.date("!%Y-%m-%dT%H:%M:%SZ", base + slot * 900)
  local body = string.format('{"page":"load%d","event_type":"e","start":"%s","guest":{"name":"Load %d","email":"load%d@example.com"}}',
                             page, start, n, n)
  return wrk.format("POST", "/v1/bookings", {["Content-Type"] = "application/json"}, body)
end
