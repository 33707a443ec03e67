-- wrk script of the webhook ingest benchmark: each wrk thread posts the pre-signed form bodies of
-- its own file (`<dir>/bodies-<n>.txt`, one per line), in order, so every request is a new event;
-- at the end of its file a thread starts over (repeats are redeliveries).
-- Usage: wrk -s post_bodies.lua URL -- DIR
local threads = 0

function setup(thread)
  thread:set("number", threads)
  threads = threads + 1
end

local file, dir

local function open()
  if file then file:close() end
  file = assert(io.open(dir .. "/bodies-" .. number .. ".txt", "r"))
end

function init(args)
  dir = args[1]
  open()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  local body = file:read("*l")
  if not body then
    open()
    body = file:read("*l")
  end
  return wrk.format(nil, nil, nil, body)
end
