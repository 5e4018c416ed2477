-- wrk script for bench/load: alternates the home page and the posting being
-- rewritten, and counts responses that are not 200 or not a whole page.
local paths = { "/", os.getenv("LOAD_POSTING_PATH") or "/" }
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counter, responses, bad_status, incomplete = 0, 0, 0, 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[counter % #paths + 1])
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 then
    bad_status = bad_status + 1
  elseif not body:find("</html>%s*$") then
    incomplete = incomplete + 1
  end
end

function done(summary, latency, requests)
  local total, bad, cut = 0, 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("responses")
    bad = bad + thread:get("bad_status")
    cut = cut + thread:get("incomplete")
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format("requests/s:       %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("requests:         %d in %.1f s\n", summary.requests, summary.duration / 1e6))
  io.write(string.format("socket errors:    %d (connect %d, read %d, write %d, timeout %d)\n",
    errors, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("non-200:          %d\n", bad))
  io.write(string.format("incomplete pages: %d of %d\n", cut, total))
  io.write(string.format("latency p50/p99:  %.2f / %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
