-- Answer save (quiz.js's autosave): `data` is a list of {url, cookie, csrf, sequence,
-- {{question, {choices}}, ...}}. Attempts are taken round robin, so an attempt's next save is
-- sent long after its previous one was answered; each carries the sequence the server expects
-- (one more per save) and a changing choice: every request is a real write.
local i = 0
local probed = false
wrapped = 0

function request()
  if not probed then
    -- wrk builds one request before connecting that is never sent: do not spend an item on it
    probed = true
    return wrk.format("GET", "/ping")
  end
  i = i % #data + 1
  local item = data[i]
  local sequence = item[4]
  item[4] = sequence + 1
  local questions = item[5]
  local q = questions[sequence % #questions + 1]
  local choices = q[2]
  local choice = choices[math.floor(sequence / #questions) % #choices + 1]
  local body = "question=" .. q[1] .. "&sequence=" .. sequence .. "&q" .. q[1] .. "=" .. choice
  return wrk.format("POST", item[1], {
    ["Cookie"] = item[2],
    ["X-CSRFToken"] = item[3],
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }, body)
end
