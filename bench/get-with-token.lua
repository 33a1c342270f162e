-- wrk script: GET with the bearer token taken from the environment (NEX7_TOKEN), so the token
-- does not appear on wrk's command line.
local token = os.getenv("NEX7_TOKEN")
if token == nil or token == "" then
  io.stderr:write("get-with-token.lua: set NEX7_TOKEN to an access token\n")
  os.exit(2)
end
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"
