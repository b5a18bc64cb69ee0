-- wrk script: Bagisto checkout, the placing step: POST /api/shop/checkout-orders with a guest
-- cart that run.sh filled and took through the address, shipping and payment steps.
--
-- BENCH_CHECKOUT_TOKENS is a file of cart tokens, one per line, each placed once. Thread t of
-- T takes tokens t, t + T, t + 2T, ...; a thread that runs out stops (its last request re-sends
-- a placed cart, refused, which shows in the error count). The storefront key comes from
-- run.sh's `-H "X-STOREFRONT-KEY: ..."`: headers are added to wrk.headers, not replaced.
local tokens = {}
local file = os.getenv("BENCH_CHECKOUT_TOKENS")
if file then
  for line in io.lines(file) do
    if #line > 0 then
      tokens[#tokens + 1] = line
    end
  end
end
if #tokens == 0 then
  error("BENCH_CHECKOUT_TOKENS names no tokens")
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = "{}"

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init()
  thread_count = tonumber(os.getenv("BENCH_THREADS") or "2")
end

local next_index = nil
function request()
  next_index = next_index and next_index + thread_count or (thread_number or 1)
  if next_index > #tokens then
    wrk.thread:stop()
  end
  wrk.headers["Authorization"] = "Bearer " .. tokens[math.min(next_index, #tokens)]
  return wrk.format()
end
