-- wrk script: GET /security?q=... cycling through the queries of a TSV file (first column, header skipped).
-- Usage: wrk -s benchmarks/search/wrk-search.lua http://127.0.0.1:PORT -- QUERIES.tsv
-- The requests are formatted once, in init: formatting one per request cost wrk, on the same cores as the
-- server, CPU that the /health run (one static request) does not spend.
local requests = {}
local index = 0

local function urlencode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open " .. tostring(args[1]))
  local first = true
  for line in file:lines() do
    if not first then
      local query = line:match("^([^\t]+)")
      if query then
        requests[#requests + 1] = wrk.format("GET", "/security?q=" .. urlencode(query) .. "&limit=10")
      end
    end
    first = false
  end
  file:close()
end

function request()
  index = index % #requests + 1
  return requests[index]
end
