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
-- WARMCITY_CARDS_FILE (counter-sale.sh FIRST_MEALS): one card a line instead.
local cards_file = os.getenv("WARMCITY_CARDS_FILE")
if cards_file and cards_file ~= "" then
  for line in io.lines(cards_file) do
    if line ~= "" then cards[#cards + 1] = line end
  end
else
  for c in string.gmatch(os.getenv("WARMCITY_CARDS"), "[^,]+") do cards[#cards + 1] = c end
end
for d in string.gmatch(os.getenv("WARMCITY_DISHES"), "[^,]+") do dishes[#dishes + 1] = d end
local path = "/api/v1/canteens/" .. canteen .. "/orders"
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local today = os.getenv("WARMCITY_TODAY")
-- Each wrk thread takes every WARMCITY_THREADS-th card from its own start
-- (setup numbers the threads), so no card is rung up by two threads in turn.
local made = 0
setup = function(thread)
  thread:set("thread_no", made)
  made = made + 1
end
local threads = tonumber(os.getenv("WARMCITY_THREADS") or "1") or 1
local counter = 0
request = function()
  local card = cards[((counter * threads + (thread_no or 0)) % #cards) + 1]
  counter = counter + 1
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
