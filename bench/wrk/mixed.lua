-- wrk script: a mixed load, 90 % reads and 10 % writes: 45 % product pages
-- (GET /api/shop/products/1), 45 % list pages (GET /api/shop/products?per_page=20), 10 %
-- CS-Cart guest orders (POST /api/stores/1/orders over BENCH_ORDER_PRODUCT_IDS).
--
-- BENCH_KEY is the storefront key, BENCH_BASIC the CS-Cart Basic credentials. With
-- BENCH_DELAY_MS each connection waits that long (on average) before each request, as
-- paced.lua does, to offer a fixed share of the maximum. done() prints the 95th percentile,
-- which wrk's --latency table lacks.
local key = os.getenv("BENCH_KEY") or ""
local basic = os.getenv("BENCH_BASIC") or ""
local d = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local ids = {}
for id in string.gmatch(os.getenv("BENCH_ORDER_PRODUCT_IDS") or "", "[^,%s]+") do
  ids[#ids + 1] = id
end
if #ids == 0 then
  error("BENCH_ORDER_PRODUCT_IDS is empty")
end

local order = '{"user_id": 0, "payment_id": 1, "shipping_id": 1,'
  .. ' "products": {"1": {"product_id": "%s", "amount": 1}},'
  .. ' "user_data": {"email": "bench@example.com", "b_firstname": "B", "b_lastname": "Ench",'
  .. ' "b_address": "1 Main St", "b_city": "Paris", "b_country": "FR", "b_zipcode": "75001"}}'

local n = 0
function request()
  local r = math.random()
  if r < 0.45 then
    return wrk.format("GET", "/api/shop/products/1", { ["X-STOREFRONT-KEY"] = key })
  elseif r < 0.9 then
    return wrk.format("GET", "/api/shop/products?per_page=20", { ["X-STOREFRONT-KEY"] = key })
  end
  n = n % #ids + 1
  return wrk.format("POST", "/api/stores/1/orders",
    { ["Authorization"] = basic, ["Content-Type"] = "application/json" }, string.format(order, ids[n]))
end

if d > 0 then
  function delay()
    local whole = math.floor(d)
    if math.random() < d - whole then
      return whole + 1
    end
    return whole
  end
end

function done(summary, latency, requests)
  io.write(string.format("Latency p95: %dus\n", latency:percentile(95)))
end
