-- Finish: `data` is a list of {url, cookie, csrf} of in-progress attempts with ten saved
-- answers, each finished once. Past the end of the list a request would only meet "already
-- submitted": `wrapped` counts those, and the harness reports the run as too short a pool.
local i = 0
local probed = false
wrapped = 0

function request()
  if not probed then
    -- wrk builds one request before connecting that is never sent: do not spend an item on it
    probed = true
    return wrk.format("GET", "/ping")
  end
  i = i + 1
  if i > #data then
    i = 1
    wrapped = wrapped + 1
  end
  local item = data[i]
  return wrk.format("POST", item[1], {
    ["Cookie"] = item[2],
    ["X-CSRFToken"] = item[3],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "cau=10")
end
