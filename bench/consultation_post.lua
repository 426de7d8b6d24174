-- wrk script: every request sends a new consultation request, as a visitor's browser would after loading the form.
-- Arguments (after --): the CSRF cookie, the form's CSRF token and a run id that makes each submission key unique.
-- Prints how many posts were accepted (302 to the "received" page) and how many were not.

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  cookie, token, run = args[1], args[2], tonumber(args[3])
  sent, accepted, refused = 0, 0, 0
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
  }
  fields = "csrfmiddlewaretoken=" .. token
    .. "&name=Bench+Reader&phone=207+555+0123&preferred_contact=phone"
    .. "&preferred_time=morning&state=Maine&is_adult=on&message=&consent_contact=on&privacy_ack=on&website="
end

function request()
  sent = sent + 1
  -- A UUID no other request of this run or of another run uses: run id, thread id, counter.
  local key = string.format("%08x-%04x-4000-8000-%012x", run, id, sent)
  -- Each post from a person of their own: one inbox gets at most five confirmations a day (eligibility/outbox_limits.py).
  local email = "&email=reader-" .. key .. "%40example.org"
  return wrk.format("POST", "/consultation/", headers, fields .. email .. "&submission_key=" .. key)
end

function response(status, headers, body)
  if status == 302 then accepted = accepted + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local total_accepted, total_refused = 0, 0
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_refused = total_refused + thread:get("refused")
  end
  io.write(string.format("POSTS_ACCEPTED %d\nPOSTS_REFUSED %d\n", total_accepted, total_refused))
end
