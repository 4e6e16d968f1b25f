-- wrk script: POST /user/security {"id": N}, each request with another user's token from $TOKENS_FILE and a
-- random security id in 1...$MAX_SECURITY_ID (answers are 201, or 200 when it was already on the list).
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE") or "tokens.txt") do
  if #line > 0 then tokens[#tokens + 1] = line end
end
local maxID = tonumber(os.getenv("MAX_SECURITY_ID") or "1000")

local threads = 0
function setup(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end

function init(args)
  math.randomseed(offset + 1)
end

local counter = 0
function request()
  counter = counter + 1
  local token = tokens[(offset + counter) % #tokens + 1]
  local body = string.format('{"id": %d}', math.random(1, maxID))
  return wrk.format("POST", "/user/security",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

