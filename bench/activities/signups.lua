-- wrk script: staff sign callers up by phone — every request is
-- POST /api/v1/activity-occurrences/{WARMCITY_OCCURRENCE}/signups as the
-- admin (bearer WARMCITY_TOKEN) for a phone no other request uses: each wrk
-- thread numbers its own block of mobiles (136 + thread + a counter), so no
-- sign-up is refused as already_signed_up. The server answers 201 only once
-- the sign-up, its event and its audit row are durable.
local token = os.getenv("WARMCITY_TOKEN")
local path = "/api/v1/activity-occurrences/" .. os.getenv("WARMCITY_OCCURRENCE") .. "/signups"
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local threads = {}
local next_id = 0
setup = function(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
local counter = 0
non201 = 0  -- global: done() reads each thread's with t:get
request = function()
  counter = counter + 1
  -- 136 T NNNNNNN: thread T (0-9) and its 7-digit counter.
  local phone = string.format("136%d%07d", thread_id % 10, counter)
  local body = string.format('{"name":"居民%d","phone":"%s"}', counter, phone)
  return wrk.format("POST", path, headers, body)
end
response = function(status, headers, body)
  if status ~= 201 then non201 = non201 + 1 end
end
done = function(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get("non201") or 0) end
  io.write(string.format("non-201 responses: %d\n", total))
end
