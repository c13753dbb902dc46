-- wrk below saturation: each connection waits a random 0–2×PAUSE ms (PAUSE on average)
-- after each answer before its next request, so 64 connections offer about
-- 64 / (PAUSE + latency) requests per ms and neither the server nor wrk runs the cores
-- flat out; the latency percentiles then show the server, not a queue for the CPU.
-- Argument: PAUSE in ms (vs-nginx.sh RATE=… computes it). Not an open loop: a slow
-- answer delays that connection's next request, which at these rates is rare.
function init(args)
  pause = tonumber(args[1])
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function delay()
  return math.random(0, 2 * pause)
end
