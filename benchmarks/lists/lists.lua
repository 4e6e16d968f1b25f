-- wrk script of benchmarks/lists/run.sh: one of the lists API's requests (env REQUEST), each with the next
-- user's token from $LISTS_FILE, whose lines are "token list-id security-id,security-id,..." (the user's first
-- list and its securities in order, for many users spread over the million):
--   lists       GET /user/watchlists
--   securities  GET /user/watchlists/{id}/securities
--   add         POST /user/watchlists/{id}/securities {"id": N}, N random in 1...$MAX_SECURITY_ID (answers 201,
--               or 200 when it was already there); only the first half of the users
--   order       PUT /user/watchlists/{id}/order {"ids": [...]}, the list's ids rotated by one more each time
--               (answers 204); only the second half, whose lists `add` never changes
local mode = os.getenv("REQUEST") or "lists"
local users = {}
for line in io.lines(os.getenv("LISTS_FILE") or "lists.txt") do
  local token, list, ids = line:match("^(%S+) (%d+) ?(%S*)$")
  if token then
    local parsed = {}
    for id in ids:gmatch("%d+") do parsed[#parsed + 1] = id end
    users[#users + 1] = { token = token, list = list, ids = parsed }
  end
end
local half = math.floor(#users / 2)
local first, count = 1, #users
if mode == "add" then first, count = 1, half elseif mode == "order" then first, count = half + 1, #users - half end
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
  local user = users[first + (offset + counter) % count]
  local headers = { ["Authorization"] = "Bearer " .. user.token }
  local path = "/user/watchlists/" .. user.list
  if mode == "lists" then return wrk.format("GET", "/user/watchlists", headers) end
  if mode == "securities" then return wrk.format("GET", path .. "/securities", headers) end
  headers["Content-Type"] = "application/json"
  if mode == "add" then
    return wrk.format("POST", path .. "/securities", headers, string.format('{"id": %d}', math.random(1, maxID)))
  end
  local ids, n, rotated = user.ids, #user.ids, {}
  for i = 1, n do rotated[i] = ids[(i + counter - 1) % n + 1] end
  return wrk.format("PUT", path .. "/order", headers, '{"ids": [' .. table.concat(rotated, ",") .. ']}')
end
