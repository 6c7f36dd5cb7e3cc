-- wrk script: every request submits one anonymous appeal (no photo) at a
-- point scattered around the demo district; the server answers 201 only
-- after the appeal, its "submit" event and its audit entry are durable.
local counter = 0
request = function()
  counter = counter + 1
  local lat = 37.50 + (counter % 997) * 0.00005
  local lon = 111.12 + (counter % 991) * 0.00005
  local body = string.format(
    '{"category":"roads","description":"bench appeal %d: 路面坑洼","lat":%.6f,"lon":%.6f,' ..
    '"attributes":{"problem":"pothole"},"anonymous":true}', counter, lat, lon)
  return wrk.format("POST", "/api/v1/appeals", { ["Content-Type"] = "application/json" }, body)
end
local non201 = 0
response = function(status, headers, body)
  if status ~= 201 then non201 = non201 + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-201 responses: %d (per thread counters)\n", non201))
end
