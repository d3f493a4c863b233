-- wrk script for bench/search_speed.sh: each request is the next URL path of a query file (one a line), each
-- thread starting at its own offset so that concurrent connections ask different queries.
-- Usage: wrk -s bench/search_speed.lua http://HOST:PORT -- QUERY_FILE
local counter = 1
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  counter = (id * 997) % #paths + 1
  statuses = {}
end

function request()
  local p = paths[counter]
  counter = counter % #paths + 1
  return wrk.format("GET", p)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(total) do parts[#parts + 1] = code .. ":" .. n end
  table.sort(parts)
  io.write("statuses " .. table.concat(parts, " ") .. "\n")
end
