-- GET: `data` is a list of {path, cookie}; each request takes the next one, round robin.
local i = 0

function request()
  i = i % #data + 1
  local item = data[i]
  local headers = {}
  if item[2] ~= "" then headers["Cookie"] = item[2] end
  return wrk.format("GET", item[1], headers)
end
