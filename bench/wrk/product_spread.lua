-- wrk script: product pages spread over the catalog, GET /api/shop/products/{id} with a
-- random id of BENCH_PRODUCT_IDS (comma-separated: every enabled top-level product, which
-- run.sh reads from the seeded database) per request, where `rest_product` asks for one page
-- again and again. The storefront key comes from run.sh's `-H "X-STOREFRONT-KEY: ..."`.
local ids = {}
for id in string.gmatch(os.getenv("BENCH_PRODUCT_IDS") or "", "[^,%s]+") do
  ids[#ids + 1] = id
end
if #ids == 0 then
  error("BENCH_PRODUCT_IDS is empty")
end

-- Each wrk thread has its own Lua state; seeding by its address keeps them apart.
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))

function request()
  return wrk.format("GET", "/api/shop/products/" .. ids[math.random(#ids)])
end
