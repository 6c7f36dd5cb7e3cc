-- wrk script: GET $WARMCITY_PATH, or each of $WARMCITY_PATHS (separated by
-- spaces) in turn, with the bearer token $WARMCITY_TOKEN when set; done()
-- prints "non-200 responses: N" (wrk's count of answers that are not 2xx or
-- 3xx), which bench/city/reads.sh reads.
local token = os.getenv("WARMCITY_TOKEN")
local paths = {}
for p in string.gmatch(os.getenv("WARMCITY_PATHS") or os.getenv("WARMCITY_PATH") or "/", "%S+") do
  paths[#paths + 1] = p
end
local headers = {}
if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
local next_path = 0
request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path], headers)
end
done = function(summary, latency, requests)
  io.write(string.format("non-200 responses: %d\n", summary.errors.status))
end
