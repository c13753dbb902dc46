-- POST /v1/bookings where every request asks for a start no other request asks for
-- (the shape of guest traffic: many guests, each after a time still free), spread
-- evenly over PAGES pages ("load0" … , one host each), so every answer is a durable
-- booking (201) and bookings/s counts bookings, not refusals.
-- Arguments: BASE (unix seconds of the first start), PAGES, THREADS (wrk -t).
-- bookings_pages.lua is the other scenario: every fourth request repeats the start
-- just taken, so clients race for the same starts and a quarter are answered 409.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  base = tonumber(args[1])
  pages = tonumber(args[2])
  nthreads = tonumber(args[3] or "1")
end

request = function()
  local n = counter * nthreads + thread_id  -- threads interleave: no two share an n
  counter = counter + 1
  local page = n % pages
  local slot = math.floor(n / pages)
  local start = os.date("!%Y-%m-%dT%H:%M:%SZ", base + slot * 900)
  local body = string.format('{"page":"load%d","event_type":"e","start":"%s","guest":{"name":"Guest %d","email":"guest%d@example.com"}}',
                             page, start, n, n)
  return wrk.format("POST", "/v1/bookings", {["Content-Type"] = "application/json"}, body)
end
