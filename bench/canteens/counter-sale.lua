-- wrk script: the canteen counter at lunch — every request rings up one
-- counter meal (POST /api/v1/canteens/{id}/orders) for the elder whose red
-- proxy card comes next in WARMCITY_CARDS (comma-separated), two dishes of
-- today's lunch (WARMCITY_DISHES, comma-separated ids), as the canteen's
-- cashier (bearer token WARMCITY_TOKEN). The server answers 201 only after
-- the order, its lines, its 'created' event and its audit row are durable,
-- priced under the subsidy version in force (her first meal of the slot
-- subsidised, the rest second_in_slot at full price: the same write job).
local token = os.getenv("WARMCITY_TOKEN")
local canteen = os.getenv("WARMCITY_CANTEEN")
local cards, dishes = {}, {}
for c in string.gmatch(os.getenv("WARMCITY_CARDS"), "[^,]+") do cards[#cards + 1] = c end
for d in string.gmatch(os.getenv("WARMCITY_DISHES"), "[^,]+") do dishes[#dishes + 1] = d end
local path = "/api/v1/canteens/" .. canteen .. "/orders"
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local today = os.getenv("WARMCITY_TODAY")
local counter = 0
request = function()
  counter = counter + 1
  local card = cards[(counter % #cards) + 1]
  local body = string.format(
    '{"kind":"counter","date":"%s","meal":"lunch","diner":{"card":"%s"},' ..
    '"lines":[{"dish_id":%s,"qty":1},{"dish_id":%s,"qty":1}]}',
    today, card, dishes[1], dishes[#dishes])
  return wrk.format("POST", path, headers, body)
end
-- WARMCITY_PACE_MS > 0: each client waits that long after an answer before
-- its next sale (a till with a diner in front of it), so the server is asked
-- at about clients * 1000 / (pace + latency) sales a second instead of
-- back to back (closed loop: the latency then is mostly the queue).
local pace = tonumber(os.getenv("WARMCITY_PACE_MS") or "0") or 0
if pace > 0 then
  delay = function() return pace end
end
local non201 = 0
response = function(status, headers, body)
  if status ~= 201 then non201 = non201 + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-201 responses: %d (per thread counters)\n", non201))
end
