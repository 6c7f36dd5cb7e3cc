-- wrk script: GET $WARMCITY_PATH, with the bearer token $WARMCITY_TOKEN when
-- set; done() prints "non-200 responses: N" (wrk's count of answers that are
-- not 2xx or 3xx), which bench/city/reads.sh reads.
local token = os.getenv("WARMCITY_TOKEN")
local path = os.getenv("WARMCITY_PATH")
local headers = {}
if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
request = function()
  return wrk.format("GET", path, headers)
end
done = function(summary, latency, requests)
  io.write(string.format("non-200 responses: %d\n", summary.errors.status))
end
