-- wrk script: every request POSTs one small feedback record with a bearer
-- token (WARMCITY_TOKEN); the server answers only after a durable commit.
local token = os.getenv("WARMCITY_TOKEN")
local counter = 0
request = function()
  counter = counter + 1
  local body = '{"topic":"other","message":"bench write ' .. counter .. '"}'
  return wrk.format("POST", "/api/v1/feedback",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
local non201 = 0
response = function(status, headers, body)
  if status ~= 201 then non201 = non201 + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-201 responses: %d (per thread counters)\n", non201))
end
