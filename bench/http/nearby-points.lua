-- wrk script: GET /api/v1/facilities/nearby at 4,096 points spread over the
-- synthetic district (bench/facilities/synthetic.cpp: 37.50-37.55 N,
-- 111.11-111.17 E), in turn. The requests are made once, at start, so the
-- client's cost per request is the same for every server it is pointed at.
local requests = {}
local n = 0
init = function(args)
  math.randomseed(20261126)
  for i = 1, 4096 do
    local lat = 37.500 + math.random() * 0.050
    local lon = 111.110 + math.random() * 0.060
    requests[i] = wrk.format("GET", string.format(
      "/api/v1/facilities/nearby?lat=%.5f&lon=%.5f&kind=love_station&open_now=true&limit=10",
      lat, lon))
  end
end
request = function()
  n = n % #requests + 1
  return requests[n]
end
