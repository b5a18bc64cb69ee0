-- wrk script: CS-Cart order placement, POST /api/stores/1/orders, as a guest (user_id 0).
--
-- BENCH_ORDER_PRODUCT_IDS (comma-separated) are simple products that run.sh checked can be
-- ordered and whose stock it topped up. Requests rotate over them so the figure is order
-- placement, not only the wait for one hot stock row's lock (`SELECT ... FOR UPDATE`).
-- Basic credentials come from run.sh's `-H "Authorization: Basic ..."`.
local ids = {}
for id in string.gmatch(os.getenv("BENCH_ORDER_PRODUCT_IDS") or "", "[^,%s]+") do
  ids[#ids + 1] = id
end
if #ids == 0 then
  error("BENCH_ORDER_PRODUCT_IDS is empty")
end

local template = '{"user_id": 0, "payment_id": 1, "shipping_id": 1,'
  .. ' "products": {"1": {"product_id": "%s", "amount": 1}},'
  .. ' "user_data": {"email": "bench@example.com", "b_firstname": "B", "b_lastname": "Ench",'
  .. ' "b_address": "1 Main St", "b_city": "Paris", "b_country": "FR", "b_zipcode": "75001"}}'

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

-- Each wrk thread has its own Lua state: setup() (run in the main state) numbers them, so
-- the threads start at different products.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local n = nil
function request()
  n = ((n or (thread_number or 0) * 7) % #ids) + 1
  return wrk.format(nil, nil, nil, string.format(template, ids[n]))
end
