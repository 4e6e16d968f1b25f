-- wrk script: GET /user/security, each request with another user's token from $TOKENS_FILE.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE") or "tokens.txt") do
  if #line > 0 then tokens[#tokens + 1] = line end
end

local threads = 0
function setup(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end

local counter = 0
function request()
  counter = counter + 1
  local token = tokens[(offset + counter) % #tokens + 1]
  return wrk.format("GET", "/user/security", { ["Authorization"] = "Bearer " .. token })
end
