-- wrk script: GET /security?q=... cycling through the queries of a TSV file (first column, header skipped).
-- Usage: wrk -s benchmarks/search/wrk-search.lua http://127.0.0.1:PORT -- QUERIES.tsv
local queries = {}
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
      if query then queries[#queries + 1] = urlencode(query) end
    end
    first = false
  end
  file:close()
end

function request()
  index = index % #queries + 1
  return wrk.format("GET", "/security?q=" .. queries[index] .. "&limit=10")
end
