wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"subject":"Proposal next steps","body":"Hi Daniel, the proposal cuts redelivery costs by a fifth before peak. Could we take 20 minutes on Thursday 3 December to check it against your plan? If Thursday is hard, which day works for you? Alex"}'
