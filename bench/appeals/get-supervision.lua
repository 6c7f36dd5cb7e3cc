-- wrk script: the supervision list (督办), first page of 50, as an admin
-- (bearer token WARMCITY_TOKEN).
local token = os.getenv("WARMCITY_TOKEN")
request = function()
  return wrk.format("GET", "/api/v1/appeals/supervision?limit=50",
    { ["Authorization"] = "Bearer " .. token })
end
local non200 = 0
response = function(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-200 responses: %d (per thread counters)\n", non200))
end
