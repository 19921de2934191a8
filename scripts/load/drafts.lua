-- POST a draft request, rotating over plays and demo threads, so no single cache path is measured.
local threads = { "demo-harrowgate-proposal", "demo-kestrel-qbr", "demo-brightwater-sso", "demo-finchley-slowing" }
local kinds = { "calendar-invite", "urgency-test", "action-consequence", "micro-commitment-recap", "wiifm-summary" }
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i + 1
  local body = string.format('{"conversationId":"%s","kind":"%s","tone":"warm"}', threads[i % #threads + 1], kinds[i % #kinds + 1])
  return wrk.format(nil, nil, nil, body)
end
